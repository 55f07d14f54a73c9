/** Activations with PyTorch's definitions (GELU is the exact erf form, `nn.GELU()`'s default). */
import * as tf from '@tensorflow/tfjs';

export function gelu(x: tf.Tensor): tf.Tensor {
  return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
}

export const ACTIVATIONS = {
  gelu,
  relu: (x: tf.Tensor) => tf.relu(x),
  silu: (x: tf.Tensor) => tf.mul(x, tf.sigmoid(x)),
  tanh: (x: tf.Tensor) => tf.tanh(x),
  identity: (x: tf.Tensor) => x,
} as const;

export type ActivationName = keyof typeof ACTIVATIONS;
