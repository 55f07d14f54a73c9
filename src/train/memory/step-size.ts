/** The padded size of a run's micro-batches: its batch size, and its crop or the longest protein of the dataset. */
import type { RunConfig } from '../../protocol/run-config';
import type { StepSize } from './memory-preflight';

/** `lengths`: every protein's residue count in the dataset. */
export function stepSizeOf(config: RunConfig, lengths: readonly number[]): StepSize {
  const longest = lengths.reduce((a, b) => Math.max(a, b), 0);
  const crop = config.data.maxResidues;
  return crop !== null && crop < longest
    ? { batch: config.training.batchSize, length: crop, cropped: true }
    : { batch: config.training.batchSize, length: longest, cropped: false };
}
