/** Test helper: real proteins from the bundled sample as an in-memory ProteinSource. */
import h5wasm from 'h5wasm/node';
import { fileURLToPath } from 'node:url';
import { closeStructsFile, openStructsFile } from '../../data/hdf5/open-file';
import { readIndex } from '../../data/hdf5/read-index';
import { readProteins } from '../../data/hdf5/read-protein';
import { defaultRunConfig } from '../../config/run-config-values';
import type { RunConfig } from '../../protocol/run-config';
import { memorySource, type ProteinSource } from './protein-source';

const SAMPLE = fileURLToPath(new URL('../../../public/sample/sample-structs.h5', import.meta.url));

/** `count` proteins of the sample from `offset` (file order), whole. */
export async function sampleSource(count: number, offset = 0): Promise<ProteinSource> {
  await h5wasm.ready;
  const handle = await openStructsFile(h5wasm, SAMPLE, 'sample-structs.h5');
  try {
    const ids = readIndex(handle)
      .proteins.slice(offset, offset + count)
      .map((p) => p.id);
    return memorySource('sample-structs.h5', readProteins(handle, ids).graphs);
  } finally {
    closeStructsFile(handle);
  }
}

/** A small, fast run: tiny model, Muon on, short crops, schedules on so their state matters. */
export function smallRunConfig(
  changes: {
    training?: Partial<RunConfig['training']>;
    data?: Partial<RunConfig['data']>;
    model?: Partial<RunConfig['model']>;
  } = {},
): RunConfig {
  const base = defaultRunConfig();
  return {
    ...base,
    data: { ...base.data, maxResidues: 24, seed: 1, ...changes.data },
    model: { ...base.model, preset: 'tiny', ...changes.model },
    training: {
      ...base.training,
      epochs: 100,
      batchSize: 2,
      gradientAccumulationSteps: 1,
      clipGrad: true,
      ...changes.training,
    },
    optimizer: { ...base.optimizer, useMuon: true },
    schedule: { ...base.schedule, lrSchedule: 'cosine', lrWarmupSteps: 3, lrWarmupRatio: 0 },
    vq: {
      ...base.vq,
      ema: true,
      useCommitmentScheduling: true,
      commitmentSchedule: 'cosine',
      commitmentWarmupSteps: 20,
      commitmentStart: 0.1,
    },
    masking: { maskPlddt: true, plddtThreshold: 0.3 },
  };
}
