/**
 * Everything the loss terms compare predictions against, built once per batch from the PaddedBatch: targets,
 * and masks that already combine padding, pLDDT confidence and pair sampling. The owner disposes the set with
 * {@link disposeLossTargets}.
 */
import * as tf from '@tensorflow/tfjs';
import type { BatchFeature, PaddedBatch } from '../../protocol/padded-batch';
import { pairMasks } from './pair-masks';
import { applyPairConfidence, confidenceMask } from './plddt-mask';
import { disposeScoredPairs, scoredPairs, type ScoredPairs } from './scored-pairs';

export interface LossTargetOptions {
  readonly maskPlddt: boolean;
  readonly plddtThreshold: number;
  readonly distanceBinEdges: readonly number[];
  /** Key of the negative-pair stream (pair-masks.ts). */
  readonly seed: number;
  readonly step: number;
  readonly rank: number;
}

export interface LossTargets {
  readonly batchSize: number;
  readonly length: number;
  /** Number of distance classes, `distanceBinEdges.length + 1`. */
  readonly distanceClassCount: number;
  /** [B, L, 20] amino-acid one-hot (`AA`). */
  readonly aminoAcids: tf.Tensor3D;
  /** [B, L]: real residues with an amino-acid label (a non-standard residue has an all-zero `AA` row). */
  readonly aminoAcidMask: tf.Tensor2D;
  /** [B, L, 3] secondary-structure one-hot [loop, helix, strand] (`ss`). */
  readonly secondaryStructure: tf.Tensor3D;
  /** [B, L]: confident residues with an SS label. */
  readonly ssMask: tf.Tensor2D;
  /** [B, L, 3] phi, psi, omega in radians (`bondangles`); 0 where undefined. */
  readonly angles: tf.Tensor3D;
  /** [B, L, 3]: angle defined (stored value ≠ 0) and residue confident. */
  readonly angleMask: tf.Tensor3D;
  /** [B, L]: 1 for real residues. */
  readonly residueMask: tf.Tensor2D;
  /** [B, L]: real and confident (plddt-mask.ts). */
  readonly confidenceMask: tf.Tensor2D;
  /** [B, L, L]: contacts i ≠ j, times the pair confidence mask. */
  readonly positivePairs: tf.Tensor3D;
  /** [B, L, L]: sampled non-contacts, times the pair confidence mask. */
  readonly negativePairs: tf.Tensor3D;
  /** The positive and negative pairs as a list with their distance classes: what the distance head scores. */
  readonly pairs: ScoredPairs;
  /** [B, 2600]: fourier2dr ‖ fourier2di, when the batch carries both. */
  readonly fft2?: tf.Tensor2D;
  /** Ones in `positivePairs` / `negativePairs` (after confidence masking), for metrics. */
  readonly positivePairCount: number;
  readonly negativePairCount: number;
  /** How many entries each mean of this batch averages over (the ones in each mask). */
  readonly counts: MaskCounts;
  /**
   * Denominators to use instead of `counts`: the counts of a whole accumulation window (or of every worker's
   * share), so that summing micro-batch gradients gives exactly the gradient of the window taken as one batch.
   * Absent: each mean is over this batch alone.
   */
  readonly normalizers?: MaskCounts;
}

/** Entries averaged by each loss mean: one number per mask. */
export interface MaskCounts {
  readonly aminoAcid: number;
  readonly ss: number;
  readonly angles: number;
  readonly positivePairs: number;
  readonly negativePairs: number;
  /** Real residues (the VQ loss averages over these × D). */
  readonly residues: number;
}

/** Element-wise sum of mask counts, e.g. over the micro-batches of one accumulation window. */
export function addMaskCounts(parts: readonly MaskCounts[]): MaskCounts {
  const total = { aminoAcid: 0, ss: 0, angles: 0, positivePairs: 0, negativePairs: 0, residues: 0 };
  for (const part of parts) for (const key of Object.keys(total) as (keyof MaskCounts)[]) total[key] += part[key];
  return total;
}

/** The same targets, averaged over `normalizers` instead of their own counts. */
export function withNormalizers(targets: LossTargets, normalizers: MaskCounts): LossTargets {
  return { ...targets, normalizers };
}

function residueFeature(batch: PaddedBatch, type: 'AA' | 'ss' | 'bondangles', cols: number): BatchFeature {
  const feature = batch.residueFeatures[type];
  if (feature === undefined) throw new Error(`the loss targets need the '${type}' node type in the batch`);
  if (feature.cols !== cols) throw new Error(`the '${type}' node type has ${feature.cols} columns, expected ${cols}`);
  return feature;
}

/** Float32Array B×L: `base` where the residue's one-hot row has any non-zero entry, else 0. */
function labelledMask(base: Float32Array, feature: BatchFeature): Float32Array {
  const { cols, data } = feature;
  return base.map((m, k) => (m !== 0 && data.subarray(k * cols, (k + 1) * cols).some((v) => v !== 0) ? m : 0));
}

function sumOf(values: Float32Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function fft2Target(batch: PaddedBatch): tf.Tensor2D | undefined {
  const { fourier2dr: magnitude, fourier2di: phase } = batch.proteinFeatures;
  if (magnitude === undefined || phase === undefined) return undefined;
  const B = batch.batchSize;
  return tf.tidy(() =>
    tf.concat([tf.tensor2d(magnitude.data, [B, magnitude.cols]), tf.tensor2d(phase.data, [B, phase.cols])], 1),
  );
}

/**
 * Builds the loss targets of one batch. Throws when a needed node type (`AA`, `ss`, `bondangles`, `coords`,
 * `plddt` with masking on) is missing or has the wrong width.
 */
export function toLossTargets(batch: PaddedBatch, options: LossTargetOptions): LossTargets {
  const { batchSize: B, paddedLength: L } = batch;
  const aa = residueFeature(batch, 'AA', 20);
  const ss = residueFeature(batch, 'ss', 3);
  const angles = residueFeature(batch, 'bondangles', 3);
  const confident = confidenceMask(batch, options);
  const pairs = pairMasks(batch, options);
  applyPairConfidence(pairs.positive, confident, B, L);
  applyPairConfidence(pairs.negative, confident, B, L);
  const scored = scoredPairs(batch, pairs.positive, pairs.negative, options.distanceBinEdges);
  // An angle stored as exactly 0 is undefined (chain ends, breaks); a real angle of exactly 0.0f is not expected.
  const angleMask = angles.data.map((v, k) => (v !== 0 ? (confident[Math.floor(k / 3)] ?? 0) : 0));
  const fft2 = fft2Target(batch);
  const aminoAcidMask = labelledMask(batch.residueMask, aa);
  const ssMask = labelledMask(confident, ss);
  return {
    batchSize: B,
    length: L,
    distanceClassCount: options.distanceBinEdges.length + 1,
    aminoAcids: tf.tensor3d(aa.data, [B, L, 20]),
    aminoAcidMask: tf.tensor2d(aminoAcidMask, [B, L]),
    secondaryStructure: tf.tensor3d(ss.data, [B, L, 3]),
    ssMask: tf.tensor2d(ssMask, [B, L]),
    angles: tf.tensor3d(angles.data, [B, L, 3]),
    angleMask: tf.tensor3d(angleMask, [B, L, 3]),
    residueMask: tf.tensor2d(batch.residueMask, [B, L]),
    confidenceMask: tf.tensor2d(confident, [B, L]),
    positivePairs: tf.tensor3d(pairs.positive, [B, L, L]),
    negativePairs: tf.tensor3d(pairs.negative, [B, L, L]),
    pairs: scored,
    ...(fft2 === undefined ? {} : { fft2 }),
    positivePairCount: sumOf(pairs.positive),
    negativePairCount: sumOf(pairs.negative),
    counts: {
      aminoAcid: sumOf(aminoAcidMask),
      ss: sumOf(ssMask),
      angles: sumOf(angleMask),
      positivePairs: sumOf(pairs.positive),
      negativePairs: sumOf(pairs.negative),
      residues: sumOf(batch.residueMask),
    },
  };
}

/** Disposes every tensor of `targets`. */
export function disposeLossTargets(targets: LossTargets): void {
  tf.dispose([
    targets.aminoAcids,
    targets.aminoAcidMask,
    targets.secondaryStructure,
    targets.ssMask,
    targets.angles,
    targets.angleMask,
    targets.residueMask,
    targets.confidenceMask,
    targets.positivePairs,
    targets.negativePairs,
  ]);
  disposeScoredPairs(targets.pairs);
  if (targets.fft2 !== undefined) targets.fft2.dispose();
}
