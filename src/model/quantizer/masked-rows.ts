/** Flattens [B, L, D] encoder outputs into rows and zeroes padding rows exactly, gradient included. */
import * as tf from '@tensorflow/tfjs';

/**
 * z [B, L, D], mask [B, L] → rows [B·L, D] with padding rows set to 0, and the mask as a float32 column [B·L, 1].
 * `where`, not a product: 0·NaN would leak NaN from padding into sums, and `where` also sends exactly zero gradient
 * to padding. The condition is built from the mask alone, so nothing gradient-less sits on z's tape path.
 */
export function maskedRows(z: tf.Tensor3D, mask: tf.Tensor2D): { rows: tf.Tensor2D; maskColumn: tf.Tensor2D } {
  const [B, L, D] = z.shape;
  const maskColumn = tf.reshape(tf.cast(mask, 'float32'), [B * L, 1]) as tf.Tensor2D;
  const real = tf.greater(tf.broadcastTo(maskColumn, [B * L, D]), 0);
  const flat = tf.reshape(z, [B * L, D]);
  return { rows: tf.where(real, flat, tf.zerosLike(flat)) as tf.Tensor2D, maskColumn };
}
