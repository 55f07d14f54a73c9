/** Masking helpers shared by the loss terms: exact masks (nothing behind a 0 reaches a loss or a gradient). */
import * as tf from '@tensorflow/tfjs';

/**
 * `x` where `mask` > 0, else `fill`. Selecting (not multiplying) keeps NaN/Inf in padding out of the forward
 * pass, and tf.where sends a zero gradient to the unselected entries. `mask` broadcasts against `x`
 * (e.g. [B, L, L, 1] against [B, L, L, 8]); `fill` must be a value at which the term is finite.
 */
export function keepWhere(x: tf.Tensor, mask: tf.Tensor, fill: number | tf.Tensor): tf.Tensor {
  const other = typeof fill === 'number' ? tf.fill(x.shape, fill, 'float32') : tf.broadcastTo(fill, x.shape);
  return tf.where(tf.greater(mask, 0), x, other);
}

/**
 * Σ(values · mask) / max(Σ mask, 1) over every entry: the mean over the masked-in entries, and exactly 0 (not
 * NaN) when the mask is empty. `values` and `mask` have the same shape (float32, mask 0/1). With `denominator`
 * (the count of a whole accumulation window) the sum is divided by it instead, so micro-batch terms add up to
 * the window's mean.
 */
export function maskedMean(values: tf.Tensor, mask: tf.Tensor, denominator?: number): tf.Scalar {
  return tf.tidy(() => {
    const sum = tf.sum(tf.mul(values, mask));
    return tf.div(sum, denominator === undefined ? tf.maximum(tf.sum(mask), 1) : Math.max(denominator, 1));
  });
}

/** Throws unless `t` has exactly `shape`; `what` names the tensor in the message. */
export function assertShape(t: tf.Tensor, shape: readonly number[], what: string): void {
  if (t.shape.length !== shape.length || t.shape.some((d, k) => d !== shape[k])) {
    throw new Error(`${what} has shape [${t.shape.join(', ')}], expected [${shape.join(', ')}]`);
  }
}
