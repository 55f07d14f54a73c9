/** Activations with PyTorch's definitions (GELU is the exact erf form, `nn.GELU()`'s default). */
import * as tf from '@tensorflow/tfjs';
import type { ActivationName } from './mlp-specs';

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * GELU(x) = x·Φ(x) = ½x(1 + erf(x/√2)), with its derivative Φ(x) + x·φ(x) written out: the backward keeps x and
 * Φ(x) (automatic differentiation kept four tensors of x's size per call and recomputed erf; the model calls it on
 * every pair row of the distance head).
 */
export const gelu = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
  const cdf = tf.mul(tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))), 0.5);
  save([x, cdf]);
  return {
    value: tf.mul(x, cdf),
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) =>
      tf.tidy(() => {
        const [xs, savedCdf] = saved as [tf.Tensor, tf.Tensor];
        const density = tf.mul(tf.exp(tf.mul(tf.square(xs), -0.5)), INV_SQRT_2PI);
        return [tf.mul(dy as tf.Tensor, tf.add(savedCdf, tf.mul(xs, density)))];
      }),
  };
}) as (x: tf.Tensor) => tf.Tensor;

export const ACTIVATIONS = {
  gelu,
  relu: (x: tf.Tensor) => tf.relu(x),
  silu: (x: tf.Tensor) => tf.mul(x, tf.sigmoid(x)),
  tanh: (x: tf.Tensor) => tf.tanh(x),
  identity: (x: tf.Tensor) => x,
} as const satisfies Record<ActivationName, (x: tf.Tensor) => tf.Tensor>;
