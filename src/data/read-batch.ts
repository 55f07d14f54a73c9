/** Reads proteins from an open structs file and pads them into one batch: what a trainer does per micro-batch. */
import type { PaddedBatch } from '../protocol/padded-batch';
import type { SkippedItem } from '../protocol/protein-graph';
import { padBatch, type PadBatchOptions } from './batch/pad-batch';
import type { StructsFileHandle } from './hdf5/open-file';
import { readProteins } from './hdf5/read-protein';

export interface ReadBatchResult {
  /** Null when every requested protein failed to load. */
  readonly batch: PaddedBatch | null;
  readonly skipped: readonly SkippedItem[];
}

/** Proteins that fail validation are skipped with their reason; the rest still form the batch. */
export function readBatch(
  handle: StructsFileHandle,
  ids: readonly string[],
  options: PadBatchOptions,
): ReadBatchResult {
  const { graphs, skipped } = readProteins(handle, ids);
  return { batch: graphs.length > 0 ? padBatch(graphs, options) : null, skipped };
}
