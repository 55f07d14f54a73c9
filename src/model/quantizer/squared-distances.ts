/** Squared Euclidean distances between encoder outputs and codes, FoldTree2's ‖z‖² + ‖e‖² − 2 z·e. */
import * as tf from '@tensorflow/tfjs';

/**
 * z [N, D], codebook [K, D] → [N, K] float32, entry (n, k) = ‖z_n − e_k‖². Expanded into one matMul (no [N, K, D]
 * intermediate), so small negative values from cancellation are possible when z_n ≈ e_k; only argmin and softmax
 * read it, and both are unaffected by that.
 */
export function squaredDistances(z: tf.Tensor2D, codebook: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const zNorm = tf.sum(tf.square(z), 1, true);
    const codeNorm = tf.sum(tf.square(codebook), 1);
    const cross = tf.matMul(z, codebook, false, true);
    return tf.sub(tf.add(zNorm, codeNorm), tf.mul(cross, 2));
  });
}
