/**
 * The encode worker's logic in Node (no worker): the tiny fixture dataset encoded with studio safetensors and with a
 * checkpoint, progress to the last protein, records equal to the run's per-protein token request, skipped proteins
 * of the file counted, and a weights file of no known shape refused naming the parameter.
 */
import * as tf from '@tensorflow/tfjs';
import h5wasm from 'h5wasm/node';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultRunConfig } from '../../config/run-config-values';
import { readEncodedFasta } from '../../data/tokens/encoded-fasta';
import type { EncodeEvent, EncodeResult } from '../../protocol/encode-messages';
import type { RunConfig } from '../../protocol/run-config';
import { closeStructsFile, openStructsFile } from '../../data/hdf5/open-file';
import { readIndex } from '../../data/hdf5/read-index';
import { hdf5Source } from '../trainer/protein-source';
import { proteinTokens } from './protein-tokens';
import { encodeSafetensors, type NamedTensor } from '../../formats/safetensors';
import { Trainer } from '../trainer/trainer';
import { saveCheckpoint } from '../trainer/trainer-checkpoint';
import { createEncodeService } from './encode-service';

const TINY = fileURLToPath(new URL('../../../fixtures/tiny-structs.h5', import.meta.url));
const base = defaultRunConfig();
const config: RunConfig = {
  ...base,
  model: { ...base.model, preset: 'tiny' },
  data: { ...base.data, maxResidues: 24, seed: 3 },
  training: { ...base.training, batchSize: 1 },
};
let safetensors: ArrayBuffer;
let checkpoint: ArrayBuffer;
let expected: Map<string, number[]>;

async function encode(
  bytes: ArrayBuffer,
  name: string,
  runConfig = config,
): Promise<{ events: EncodeEvent[]; result: EncodeResult | null; failure: string | null }> {
  const events: EncodeEvent[] = [];
  const service = createEncodeService({
    h5: h5wasm,
    openDataset: async () => ({ path: TINY, name: 'tiny-structs.h5', release: () => undefined }),
    prepareBackend: async () => 'cpu',
    post: (event) => events.push(event),
  });
  await service.handle({
    type: 'encode',
    job: 1,
    config: runConfig,
    weights: { name, bytes, step: 4 },
    dataset: { kind: 'sample', url: 'unused', name: 'tiny-structs.h5' },
  });
  const last = events.at(-1);
  return {
    events,
    result: last?.type === 'result' ? last.result : null,
    failure: last?.type === 'failed' ? last.message : null,
  };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await h5wasm.ready;
  const handle = await openStructsFile(h5wasm, TINY, 'tiny-structs.h5');
  const source = hdf5Source(handle, readIndex(handle));
  const trainer = new Trainer(config, source, { rank: 0, worldSize: 1, lossScaling: false });
  for (let k = 0; k < 4; k++) await trainer.step();
  const weights = new Map<string, NamedTensor>();
  for (const spec of trainer.parts.params.specs)
    weights.set(spec.name, {
      shape: [...spec.shape],
      data: (await trainer.parts.params.get(spec.name).data()) as Float32Array,
    });
  safetensors = encodeSafetensors(weights, { format: 'foldtree-studio' });
  checkpoint = await saveCheckpoint(trainer);
  expected = new Map();
  for (const id of source.proteinIds)
    expected.set(id, [...(await proteinTokens(trainer.parts, source, id, config.data.seed)).codes]);
  trainer.dispose();
  closeStructsFile(handle);
}, 120_000);

describe('encode service', () => {
  it('encodes every protein with progress, equal to the per-protein token request, with statistics', async () => {
    const { events, result } = await encode(safetensors, 'run-step4.safetensors');
    expect(result).not.toBeNull();
    expect(events.filter((e) => e.type === 'progress').at(-1)).toMatchObject({ done: 3, total: 3 });
    expect(events.find((e) => e.type === 'log')).toMatchObject({
      message: expect.stringContaining("run's config (preset tiny)") as unknown as string,
    });
    expect(readEncodedFasta(result?.fasta ?? '')).toEqual(expected);
    expect(result?.encodings.map((e) => e.ca.length)).toEqual(result?.encodings.map((e) => 3 * e.codes.length));
    expect(result?.meaning).toMatchObject({ step: 4, proteins: 3, codebookSize: 8 });
    expect(result?.meaning.codes.reduce((sum, c) => sum + c.residues, 0)).toBe(result?.meaning.residues);
    expect(result?.skipped).toEqual([]);
  }, 120_000);

  it('reads a checkpoint with its own config, even when the page is set to another preset', async () => {
    const { result } = await encode(checkpoint, 'run-step4.ftsckpt', {
      ...config,
      model: { ...config.model, preset: 'teaching' },
    });
    expect(readEncodedFasta(result?.fasta ?? '')).toEqual(expected);
  }, 120_000);

  it('refuses weights no model fits, naming the file and a parameter', async () => {
    const wrong = encodeSafetensors(
      new Map([['encoder.input.norm.weight', { shape: [3], data: new Float32Array(3) }]]),
      {},
    );
    const { failure } = await encode(wrong, 'odd.safetensors');
    expect(failure).toMatch(/^odd\.safetensors: no model fits these weights/);
    expect(failure).toMatch(/encoder\.input\.norm\.weight/);
  }, 120_000);
});
