/**
 * The training objective: every loss term whose decoder output exists, weighted and summed, as FoldTree2's
 * L = w_x·AA + w_edge·edge + w_vq·VQ + w_fft2·FFT2 + w_ang·angles + w_ss·SS + w_logit·logit. Division by the
 * gradient-accumulation steps belongs to the trainer, not here.
 */
import * as tf from '@tensorflow/tfjs';
import { addMany } from '../layers/add-many';
import { LOSS_NAMES, type LossName, type LossWeights } from './loss-config';
import type { LossPredictions } from './loss-predictions';
import type { LossTargets } from './loss-targets';
import { LOSS_TERMS, type LossTermOptions } from './loss-terms';

export interface LossValues {
  /** Unweighted scalar per present term (for logging). `raw.vq` is the `vqLoss` tensor passed in. */
  readonly raw: Partial<Record<LossName, tf.Scalar>>;
  /** weight · raw per present term. */
  readonly weighted: Partial<Record<LossName, tf.Scalar>>;
  /** Σ weighted; 0 when no term is present. */
  readonly total: tf.Scalar;
}

function assertWeights(weights: LossWeights): void {
  for (const name of LOSS_NAMES) {
    const w = weights[name];
    if (!(Number.isFinite(w) && w >= 0))
      throw new RangeError(`loss weight '${name}' must be a finite number ≥ 0, got ${String(w)}`);
  }
}

/**
 * Computes every present term: a term is present when its decoder output exists (`vq` when `vqLoss` is given).
 * Terms with weight 0 are still computed, so their raw value can be logged. Call inside tf.tidy / the gradient
 * function; the returned scalars belong to the caller.
 */
export function computeLosses(
  outputs: LossPredictions,
  targets: LossTargets,
  vqLoss: tf.Scalar | null | undefined,
  weights: LossWeights,
  options: LossTermOptions = { labelSmoothing: 0 },
): LossValues {
  assertWeights(weights);
  const raw: Partial<Record<LossName, tf.Scalar>> = {};
  const weighted: Partial<Record<LossName, tf.Scalar>> = {};
  for (const name of LOSS_NAMES) {
    const value = name === 'vq' ? (vqLoss ?? null) : LOSS_TERMS[name](outputs, targets, options);
    if (value === null) continue;
    raw[name] = value;
    weighted[name] = tf.mul(value, weights[name]);
  }
  const terms = Object.values(weighted);
  const total = terms.length === 0 ? tf.scalar(0) : addMany(terms);
  return { raw, weighted, total: total as tf.Scalar };
}
