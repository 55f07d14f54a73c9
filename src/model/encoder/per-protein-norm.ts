/**
 * PyG `GraphNorm` (Cai et al. 2021) with its statistics taken over the real residues of EACH protein:
 *   μ_b = mean_i x_bi,  o_bi = x_bi − α ⊙ μ_b,  σ²_b = mean_i o_bi²,  y_bi = γ ⊙ o_bi / √(σ²_b + ε) + β
 * where the means run over i < length_b only and ε = 1e-5. Padding rows come out as exactly 0.
 *
 * FoldTree2's encoder calls GraphNorm without the batch vector, so it normalises the whole mini-batch as one graph
 * (reference §7 item 20): a protein's encoding — hence its structural tokens — then depends on which proteins share
 * its batch, and differs between training, validation and inference batches. Per protein it is what GraphNorm was
 * designed to do, and each protein's tokens are a function of that protein alone.
 */
import * as tf from '@tensorflow/tfjs';
import type { ParameterSet } from '../params/parameter-set';

/**
 * x [B, L, C], mask [B, L] (1 for real residues) → [B, L, C] float32, zero in padding rows. Padding values of x
 * never reach the statistics, the outputs of real rows or any gradient (they are multiplied by the mask first).
 */
export function perProteinNorm(
  params: ParameterSet,
  name: string,
  x: tf.Tensor3D,
  mask: tf.Tensor2D,
  eps = 1e-5,
): tf.Tensor3D {
  const rowMask = tf.expandDims(mask, 2); // [B, L, 1]
  // max(n, 1): a protein with no residues (never produced by padBatch) would otherwise divide 0 by 0.
  const count = tf.maximum(tf.sum(rowMask, 1, true), 1); // [B, 1, 1]
  const masked = tf.mul(x, rowMask);
  const mean = tf.div(tf.sum(masked, 1, true), count); // [B, 1, C]
  const centred = tf.mul(tf.sub(masked, tf.mul(mean, params.get(`${name}.mean_scale`))), rowMask);
  const variance = tf.div(tf.sum(tf.square(centred), 1, true), count);
  const normalised = tf.div(centred, tf.sqrt(tf.add(variance, eps)));
  const affine = tf.add(tf.mul(normalised, params.get(`${name}.weight`)), params.get(`${name}.bias`));
  return tf.mul(affine, rowMask) as tf.Tensor3D;
}
