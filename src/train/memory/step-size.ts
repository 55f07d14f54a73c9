/** The padded size of a run's micro-batches: its batch size, and its crop or the longest protein of the dataset. */
import type { RunConfig } from '../../protocol/run-config';
import type { StepSize } from './memory-preflight';

/**
 * `lengths`: every protein's residue count in the dataset; `densestContacts`: its densest protein's contacts per
 * residue (see data/hdf5/contact-density.ts), asked for only for whole (uncropped) proteins: a crop cuts contacts at
 * its edges (20 sample proteins cropped to 256 residues have 42 per residue, whole ones up to 58), so crops keep the
 * estimate's assumption. A micro-batch never holds more proteins than the dataset has, so a batch size above that
 * count is measured at the count.
 */
export function stepSizeOf(config: RunConfig, lengths: readonly number[], densestContacts?: () => number): StepSize {
  const longest = lengths.reduce((a, b) => Math.max(a, b), 0);
  const crop = config.data.maxResidues;
  const batch = Math.max(1, Math.min(config.training.batchSize, lengths.length));
  if (crop !== null && crop < longest) return { batch, length: crop, cropped: true };
  return {
    batch,
    length: longest,
    cropped: false,
    ...(densestContacts ? { contactsPerResidue: densestContacts() } : {}),
  };
}
