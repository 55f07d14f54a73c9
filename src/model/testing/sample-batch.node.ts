/** A real padded batch from the bundled sample, for model tests in Node. */
import h5wasm from 'h5wasm/node';
import { fileURLToPath } from 'node:url';
import { DEFAULT_BATCH_NODE_TYPES, PER_PROTEIN_NODE_TYPES } from '../../data/batch/batch-types';
import { closeStructsFile, openStructsFile } from '../../data/hdf5/open-file';
import { readIndex } from '../../data/hdf5/read-index';
import { readBatch } from '../../data/read-batch';
import type { PaddedBatch } from '../../protocol/padded-batch';
import type { NodeTypeName } from '../../protocol/protein-graph';

const SAMPLE = fileURLToPath(new URL('../../../public/sample/sample-structs.h5', import.meta.url));

/** What training reads plus the per-protein FFT2 inputs: a batch every head, the optional FFT2 one included, can use. */
export const EVERY_HEAD_NODE_TYPES: readonly NodeTypeName[] = [...DEFAULT_BATCH_NODE_TYPES, ...PER_PROTEIN_NODE_TYPES];

export interface SampleBatchOptions {
  /** How many proteins, taken in the file's order from `offset`. */
  readonly proteins: number;
  readonly offset?: number;
  /** Crop every protein to at most this many residues (seeded window). */
  readonly maxLength: number;
  readonly seed?: number;
  /** Node types to pad (default: what training reads); EVERY_HEAD_NODE_TYPES for the FFT2 head. */
  readonly nodeTypes?: readonly NodeTypeName[];
}

export async function sampleBatch(options: SampleBatchOptions): Promise<PaddedBatch> {
  await h5wasm.ready;
  const handle = await openStructsFile(h5wasm, SAMPLE, 'sample-structs.h5');
  try {
    const ids = readIndex(handle)
      .proteins.slice(options.offset ?? 0, (options.offset ?? 0) + options.proteins)
      .map((p) => p.id);
    const { batch, skipped } = readBatch(handle, ids, {
      maxLength: options.maxLength,
      seed: options.seed ?? 7,
      epoch: 0,
      ...(options.nodeTypes ? { nodeTypes: options.nodeTypes } : {}),
    });
    if (!batch || skipped.length > 0)
      throw new Error(`sample proteins failed to load: ${skipped.map((s) => s.reason).join('; ')}`);
    return batch;
  } finally {
    closeStructsFile(handle);
  }
}
