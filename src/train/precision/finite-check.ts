/**
 * Overflow detection for a whole set of gradients with ONE device → CPU read: the tensors are joined into one flat
 * vector (one copy), reduced on the device to its count of non-finite entries, and only that scalar is read — five
 * kernels whatever the number of parameters (four per parameter before). `tf.isFinite` tests bits on WebGPU (its
 * WGSL `isnan` bit-casts), so it is exact where WGSL arithmetic on NaN/Inf is allowed to be indeterminate (tricks
 * like x·0 are not).
 */
import * as tf from '@tensorflow/tfjs';

/** Count of NaN/±Inf entries over all `tensors`, float32 scalar (exact as a zero/non-zero flag). Tidy-safe. */
export function countNonFinite(tensors: Iterable<tf.Tensor>): tf.Scalar {
  return tf.tidy(() => {
    const flat = [...tensors].filter((t) => t.size > 0).map((t) => tf.reshape(t, [-1]));
    if (flat.length === 0) return tf.scalar(0);
    const all = flat.length === 1 ? (flat[0] as tf.Tensor) : tf.concat(flat);
    return tf.sum(tf.cast(tf.logicalNot(tf.isFinite(all)), 'float32'));
  });
}

/** Reads `countNonFinite` once, asynchronously (WebGPU has no usable synchronous read in a worker). */
export async function readNonFiniteCount(tensors: Iterable<tf.Tensor>): Promise<number> {
  const count = countNonFinite(tensors);
  try {
    const values = await count.data();
    return values[0] ?? NaN;
  } finally {
    count.dispose();
  }
}
