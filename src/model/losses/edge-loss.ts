/** FoldTree2's "edge" term: binary contact loss on contact and sampled non-contact pairs. */
import * as tf from '@tensorflow/tfjs';
import { assertShape, keepWhere, maskedMean } from './masked-mean';

/** Inside the logs, as FoldTree2's `recon_loss_diag`: −log(p + 1e-8), −log(1 − p + 1e-8). */
export const EDGE_LOG_EPSILON = 1e-8;

export interface EdgeLossParts {
  /** Mean over positive pairs of −log(p + 1e-8); 0 without positives. */
  readonly positive: tf.Scalar;
  /** Mean over negative pairs of −log(1 − p + 1e-8); 0 without negatives. */
  readonly negative: tf.Scalar;
}

/**
 * The two halves of the edge loss. `probability` [B, L, L]: the decoder's contact probability for every pair
 * (computed once for all pairs; FoldTree2 re-ran the whole decoder for positives and negatives, §7.11).
 * `positive`, `negative` [B, L, L]: `LossTargets.positivePairs` / `negativePairs`.
 */
/** Window-level pair counts to average over instead of this batch's own (see `maskedMean`). */
export interface PairDenominators {
  readonly positive: number;
  readonly negative: number;
}

export function edgeLossParts(
  probability: tf.Tensor,
  positive: tf.Tensor,
  negative: tf.Tensor,
  denominators?: PairDenominators,
): EdgeLossParts {
  assertShape(probability, positive.shape, 'contact probability');
  return {
    positive: tf.tidy(() =>
      maskedMean(
        tf.neg(tf.log(tf.add(keepWhere(probability, positive, 0.5), EDGE_LOG_EPSILON))),
        positive,
        denominators?.positive,
      ),
    ),
    negative: tf.tidy(() => {
      const p = keepWhere(probability, negative, 0.5);
      return maskedMean(tf.neg(tf.log(tf.add(tf.sub(1, p), EDGE_LOG_EPSILON))), negative, denominators?.negative);
    }),
  };
}

/** edge = positive part + negative part (FoldTree2's formula); a scalar ≥ 0, 0 when both masks are empty. */
export function edgeLoss(
  probability: tf.Tensor,
  positive: tf.Tensor,
  negative: tf.Tensor,
  denominators?: PairDenominators,
): tf.Scalar {
  return tf.tidy(() => {
    const parts = edgeLossParts(probability, positive, negative, denominators);
    return tf.add(parts.positive, parts.negative);
  });
}
