/**
 * Overflow detection for a whole set of gradients with ONE device → CPU read: every tensor is reduced on the
 * device to its count of non-finite entries, the counts are added into one scalar, and only that scalar is read.
 * `tf.isFinite` tests bits on WebGPU (its WGSL `isnan` bit-casts), so it is exact where WGSL arithmetic on
 * NaN/Inf is allowed to be indeterminate (tricks like x·0 are not).
 */
import * as tf from '@tensorflow/tfjs';
import { addMany } from '../../model/layers/add-many';

/** Count of NaN/±Inf entries over all `tensors`, float32 scalar (exact as a zero/non-zero flag). Tidy-safe. */
export function countNonFinite(tensors: Iterable<tf.Tensor>): tf.Scalar {
  return tf.tidy(() => {
    const counts = [...tensors].map((t) => tf.sum(tf.cast(tf.logicalNot(tf.isFinite(t)), 'float32')));
    if (counts.length === 0) return tf.scalar(0);
    return addMany(counts as tf.Scalar[]);
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
