/**
 * Σ of many same-shaped tensors as a balanced tree of pairwise adds. tfjs's AddN binds every input as one storage
 * buffer, and on WebGPU past the adapter's per-stage binding limit (8 on SwiftShader) its result read back as
 * another tensor's data: summing the ~130 per-parameter gradient checks with AddN reported non-finite gradients
 * on every step. Pairwise adds never bind more than two inputs.
 */
import * as tf from '@tensorflow/tfjs';

export function addMany<T extends tf.Tensor>(tensors: readonly T[]): T {
  if (tensors.length === 0) throw new Error('addMany needs at least one tensor');
  return tf.tidy(() => {
    let level: tf.Tensor[] = [...tensors];
    if (level.length === 1) return tf.clone(level[0] as tf.Tensor) as T;
    while (level.length > 1) {
      const next: tf.Tensor[] = [];
      for (let k = 0; k < level.length; k += 2)
        next.push(
          k + 1 < level.length ? tf.add(level[k] as tf.Tensor, level[k + 1] as tf.Tensor) : (level[k] as tf.Tensor),
        );
      level = next;
    }
    return level[0] as T;
  });
}
