/**
 * Which residues the confidence-masked loss terms (angles, SS, edge, logit) may use. One threshold and one
 * comparison for all of them; FoldTree2 used `> 0.3` for three terms and `≥ --plddt-threshold` for SS (§7.10).
 */
import type { PaddedBatch } from '../../protocol/padded-batch';

export interface PlddtMaskOptions {
  /** Off: every real residue is confident. */
  readonly maskPlddt: boolean;
  /** On FoldTree2's 0–1 pLDDT scale; confident iff plddt > threshold (strict). */
  readonly plddtThreshold: number;
}

/**
 * Float32Array B×L: 1 where residue i of protein b is real and (masking is off, or the protein's `plddt` column
 * is an experimental B-factor — `plddtIsConfidence[b] = 0` — or plddt > threshold, both as float32), else 0.
 * Throws when masking is on and the batch carries no `plddt` node type.
 */
export function confidenceMask(batch: PaddedBatch, options: PlddtMaskOptions): Float32Array {
  const { batchSize: B, paddedLength: L } = batch;
  const mask = Float32Array.from(batch.residueMask);
  if (!options.maskPlddt) return mask;
  if (!Number.isFinite(options.plddtThreshold))
    throw new RangeError(`plddtThreshold must be finite, got ${options.plddtThreshold}`);
  const plddt = batch.residueFeatures.plddt;
  if (plddt === undefined) throw new Error("pLDDT masking is on but the batch has no 'plddt' node type");
  if (plddt.cols !== 1) throw new Error(`the 'plddt' node type has ${plddt.cols} columns, expected 1`);
  // Compare in float32, as PyTorch compares a float32 tensor with a Python float: the stored 0.3f is then not
  // above a 0.3 threshold, whereas in float64 it would be (0.3f = 0.30000001…).
  const threshold = Math.fround(options.plddtThreshold);
  for (let b = 0; b < B; b++) {
    // A B-factor is not a confidence: high values mean flexible, not wrong (graph-features.md, plddtSource).
    if (batch.plddtIsConfidence[b] !== 1) continue;
    for (let i = 0; i < L; i++) {
      const k = b * L + i;
      if (!((plddt.data[k] ?? 0) > threshold)) mask[k] = 0;
    }
  }
  return mask;
}

/** Multiplies a B×L×L pair mask in place by mask[b,i]·mask[b,j] (the pair is kept only if both residues are). */
export function applyPairConfidence(
  pairs: Float32Array,
  residueConfidence: Float32Array,
  batchSize: number,
  length: number,
): Float32Array {
  const L = length;
  for (let b = 0; b < batchSize; b++) {
    for (let i = 0; i < L; i++) {
      const ci = residueConfidence[b * L + i] ?? 0;
      const row = (b * L + i) * L;
      for (let j = 0; j < L; j++) pairs[row + j] = (pairs[row + j] ?? 0) * ci * (residueConfidence[b * L + j] ?? 0);
    }
  }
  return pairs;
}
