/**
 * Test helper: the committed real structures under fixtures/structures (paths relative to that folder) and
 * their manifest. Node only.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of fixtures/structures, resolved from this file (src/data/structure → repo root). */
export const FIXTURE_DIR = fileURLToPath(new URL('../../../fixtures/structures/', import.meta.url));

export function fixturePath(relative: string): string {
  return FIXTURE_DIR + relative;
}

export function readFixture(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(relative)));
}

/** One row of manifest.tsv (first model, one protein chain). */
export interface ManifestRow {
  readonly source: string;
  readonly path: string;
  readonly format: string;
  readonly models: number;
  /** Author chain id, `_` for a blank one. */
  readonly chain: string;
  readonly caCount: number;
  /** `B-factor`, `pLDDT` or `zero/const`. */
  readonly bColumn: string;
  readonly sequence: string;
}

export function readManifest(): ManifestRow[] {
  const lines = readFileSync(fixturePath('manifest.tsv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const [source = '', path = '', format = '', models = '', chain = '', caCount = '', bColumn = '', sequence = ''] =
      line.split('\t');
    return { source, path, format, models: Number(models), chain, caCount: Number(caCount), bColumn, sequence };
  });
}
