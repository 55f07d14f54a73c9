/**
 * Torsion angles as unit (sin, cos) pairs: a raw 6-vector per residue [sφ, cφ, sψ, cψ, sω, cω] has each pair
 * divided by its length (with ε² under the square root, so the gradient stays finite at the origin), and
 * angle = atan2(sin, cos) ∈ (−π, π]. Predicting the pair instead of the angle avoids the ±π wrap-around.
 */
import * as tf from '@tensorflow/tfjs';

/** ε of the pair normalisation: |v| is replaced by √(|v|² + ε²). */
export const ANGLE_PAIR_EPS = 1e-6;

/** raw [B, L, 6] → vectors [B, L, 6] (unit pairs, same order) and angles [B, L, 3] in radians. */
export function torsionAngles(raw: tf.Tensor3D): { vectors: tf.Tensor3D; angles: tf.Tensor3D } {
  const [B, L] = raw.shape;
  const pairs = tf.reshape(raw, [B, L, 3, 2]);
  const length = tf.sqrt(tf.add(tf.sum(tf.square(pairs), 3, true), ANGLE_PAIR_EPS * ANGLE_PAIR_EPS));
  const unit = tf.div(pairs, length);
  const [sin, cos] = tf.split(unit, 2, 3) as [tf.Tensor, tf.Tensor];
  return {
    vectors: tf.reshape(unit, [B, L, 6]),
    angles: tf.reshape(tf.atan2(sin, cos), [B, L, 3]),
  };
}
