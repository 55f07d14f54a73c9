/** The inverted-dropout multiplier on its own, for ops that apply dropout inside a hand-written gradient. */
import * as tf from '@tensorflow/tfjs';

/**
 * [shape] float32: 1/(1 − rate) where kept, 0 where dropped — the very tensor `tf.dropout(x, rate, undefined, seed)`
 * multiplies x by (tfjs-core 4.22's dropout_), so x ⊙ this equals tf.dropout(x) for the same seed.
 */
export function dropoutMultiplier(shape: number[], rate: number, seed: number): tf.Tensor {
  if (!(rate > 0 && rate < 1)) throw new RangeError(`dropout rate must be in (0, 1), got ${rate}`);
  const keep = 1 - rate;
  return tf.tidy(() => tf.div(tf.floor(tf.add(tf.randomUniform(shape, 0, 1, 'float32', seed), keep)), keep));
}
