/** Elementwise smooth-L1 (Huber divided by β), PyTorch `SmoothL1Loss(beta, reduction='none')` semantics. */
import * as tf from '@tensorflow/tfjs';

/**
 * 0.5·x²/β where |x| < β, else |x| − 0.5·β; same shape as `x`. β > 0. Written as 0.5·m²/β + (|x| − m) with
 * m = min(|x|, β): no comparison on the gradient path (tfjs has no gradient for Less, which tf.where would
 * need for a condition computed from `x`), and the gradient at x = 0 is exactly 0.
 */
export function smoothL1(x: tf.Tensor, beta: number): tf.Tensor {
  if (!(beta > 0)) throw new RangeError(`smooth-L1 beta must be > 0, got ${beta}`);
  return tf.tidy(() => {
    const absolute = tf.abs(x);
    const inner = tf.minimum(absolute, beta);
    return tf.add(tf.div(tf.mul(0.5, tf.square(inner)), beta), tf.sub(absolute, inner));
  });
}
