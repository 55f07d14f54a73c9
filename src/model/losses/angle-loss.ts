/** FoldTree2's "angles" term: smooth-L1 of the wrapped backbone-dihedral error. */
import * as tf from '@tensorflow/tfjs';
import { assertShape, keepWhere, maskedMean } from './masked-mean';
import { smoothL1 } from './smooth-l1';

/** FoldTree2's `angles_reconstruction_loss` uses `SmoothL1Loss(beta=0.5)`. */
export const ANGLE_SMOOTH_L1_BETA = 0.5;

/**
 * Mean over masked-in (residue, angle) entries of smoothL1_β(atan2(sin Δ, cos Δ)), Δ = predicted − true, so an
 * error of 2π − ε counts as ε. `predicted`, `target` [B, L, 3] radians (phi, psi, omega); `mask` [B, L, 3] =
 * `LossTargets.angleMask` (defined and confident). 0 when the mask is empty.
 */
export function angleLoss(
  predicted: tf.Tensor,
  target: tf.Tensor,
  mask: tf.Tensor,
  beta = ANGLE_SMOOTH_L1_BETA,
  denominator?: number,
): tf.Scalar {
  assertShape(predicted, target.shape, 'predicted angles');
  return tf.tidy(() => {
    // Masked entries take the target's value, so their Δ is 0 and nothing behind them reaches the gradient.
    const delta = tf.sub(keepWhere(predicted, mask, target), target);
    return maskedMean(smoothL1(tf.atan2(tf.sin(delta), tf.cos(delta)), beta), mask, denominator);
  });
}

/**
 * The angle loss for decoders that return only (sin, cos) vectors [B, L, 6]. Masked entries are replaced by the
 * target's own (sin, cos) before atan2, so a zero vector in padding (where atan2's gradient is 0/0) cannot put
 * NaN into the gradient.
 */
export function angleLossFromVectors(
  vectors: tf.Tensor,
  target: tf.Tensor,
  mask: tf.Tensor,
  beta = ANGLE_SMOOTH_L1_BETA,
  denominator?: number,
): tf.Scalar {
  assertShape(vectors, [...target.shape.slice(0, -1), 6], 'predicted angle vectors');
  return tf.tidy(() => {
    const [B = 0, L = 0] = target.shape;
    const truth = tf.stack([tf.sin(target), tf.cos(target)], -1);
    const kept = keepWhere(tf.reshape(vectors, [B, L, 3, 2]), tf.expandDims(mask, -1), truth);
    return angleLoss(anglesFromVectors(tf.reshape(kept, [B, L, 6])), target, mask, beta, denominator);
  });
}

/**
 * [B, L, 6] (sin φ, cos φ, sin ψ, cos ψ, sin ω, cos ω) → [B, L, 3] radians in (−π, π] by atan2 per pair. The
 * vectors need not be unit length (atan2 ignores the scale) but must not be zero where a gradient is taken.
 */
export function anglesFromVectors(vectors: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [B = 0, L = 0] = vectors.shape;
    const pairs = tf.reshape(vectors, [B, L, 3, 2]);
    const [sin, cos] = tf.split(pairs, 2, -1);
    return tf.reshape(tf.atan2(sin as tf.Tensor, cos as tf.Tensor), [B, L, 3]);
  });
}
