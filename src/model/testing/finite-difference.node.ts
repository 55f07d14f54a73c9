/**
 * Central finite differences for gradient checks in Node tests. tfjs's CPU backend computes in float32, so the
 * step is large (1e-2 by default) and comparisons use a relative tolerance of a few 1e-3; pick inputs whose
 * function is smooth on that scale (no ReLU kinks or argmin switches near the probed points).
 */
import * as tf from '@tensorflow/tfjs';

/** d f / d x at the given flat indices of `x`, by (f(x + h) − f(x − h)) / 2h, f evaluated in float32. */
export function numericalGradient(
  f: (x: tf.Tensor) => tf.Scalar,
  x: tf.Tensor,
  indices: readonly number[],
  step = 1e-2,
): number[] {
  const base = x.dataSync().slice();
  return indices.map((k) => {
    const value = base[k] ?? 0;
    const evaluate = (delta: number): number => {
      const probe = base.slice();
      probe[k] = value + delta;
      return tf.tidy(() => f(tf.tensor(probe, x.shape, 'float32')).dataSync()[0] ?? NaN);
    };
    return (evaluate(step) - evaluate(-step)) / (2 * step);
  });
}

/** The analytic gradient of `f` at `x`, read at the same flat indices. */
export function analyticGradient(f: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor, indices: readonly number[]): number[] {
  const grad = tf.tidy(() => tf.grad((t: tf.Tensor) => f(t))(x));
  const values = grad.dataSync();
  grad.dispose();
  return indices.map((k) => values[k] ?? NaN);
}

/** A spread of flat indices into a tensor of `size` values: the first, the last and `count − 2` in between. */
export function probeIndices(size: number, count = 8): number[] {
  if (size <= count) return Array.from({ length: size }, (_, k) => k);
  return Array.from({ length: count }, (_, k) => Math.round((k * (size - 1)) / (count - 1)));
}

/** Largest |a − n| / max(|a|, |n|, floor) over paired entries. */
export function maxRelativeError(analytic: readonly number[], numeric: readonly number[], floor = 1e-3): number {
  return Math.max(
    ...analytic.map(
      (a, k) => Math.abs(a - (numeric[k] ?? NaN)) / Math.max(Math.abs(a), Math.abs(numeric[k] ?? 0), floor),
    ),
  );
}
