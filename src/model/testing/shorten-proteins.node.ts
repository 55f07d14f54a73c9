/**
 * Test helper: the bundled sample's proteins are all longer than the crop lengths tests use, so a sampled batch
 * has no padding. This keeps only the first `lengths[b]` residues of protein b (a shorter crop of the same window)
 * and pads the rest with zeros exactly as padBatch does, so mask handling can be tested on real data.
 */
import type { BatchFeature, PaddedBatch } from '../../protocol/padded-batch';

export function shortenProteins(batch: PaddedBatch, lengths: readonly number[]): PaddedBatch {
  const { batchSize: B, paddedLength: L } = batch;
  const keep = (b: number): number => Math.min(lengths[b] ?? 0, batch.lengths[b] ?? 0);
  const real = (b: number, i: number): boolean => i < keep(b);
  const shorten = (feature: BatchFeature): BatchFeature => {
    const data = feature.data.slice();
    for (let b = 0; b < B; b++)
      for (let i = keep(b); i < L; i++) data.fill(0, (b * L + i) * feature.cols, (b * L + i + 1) * feature.cols);
    return { data, cols: feature.cols };
  };
  const residueFeatures = Object.fromEntries(
    Object.entries(batch.residueFeatures).map(([type, f]) => [type, f && shorten(f)]),
  );
  const contactMask = batch.contactMask.slice();
  const contactDistance = batch.contactDistance.slice();
  const contactCounts = new Int32Array(B);
  for (let b = 0; b < B; b++)
    for (let i = 0; i < L; i++)
      for (let j = 0; j < L; j++) {
        const k = (b * L + i) * L + j;
        if (real(b, i) && real(b, j)) contactCounts[b] = (contactCounts[b] ?? 0) + (contactMask[k] ?? 0);
        else [contactMask[k], contactDistance[k]] = [0, 0];
      }
  const residueMask = Float32Array.from({ length: B * L }, (_, k) => (real(Math.floor(k / L), k % L) ? 1 : 0));
  return {
    ...batch,
    lengths: Int32Array.from({ length: B }, (_, b) => keep(b)),
    sequences: batch.sequences.map((s, b) => s.slice(0, keep(b))),
    residueMask,
    residueFeatures,
    contactMask,
    contactDistance,
    contactCounts,
  };
}
