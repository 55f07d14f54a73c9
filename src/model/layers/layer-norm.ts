/** Layer normalisation over the last axis (PyTorch `nn.LayerNorm`: biased variance, affine weight and bias). */
import * as tf from '@tensorflow/tfjs';
import type { ParameterSet } from '../params/parameter-set';
import type { ParameterSpec } from '../params/parameter-spec';

export function layerNormSpecs(name: string, dim: number): ParameterSpec[] {
  return [
    { name: `${name}.weight`, shape: [dim], init: { kind: 'ones' } },
    { name: `${name}.bias`, shape: [dim], init: { kind: 'zeros' } },
  ];
}

export function layerNorm(params: ParameterSet, name: string, x: tf.Tensor, eps = 1e-5): tf.Tensor {
  const axis = x.rank - 1;
  const mean = tf.mean(x, axis, true);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centred), axis, true);
  const normalised = tf.div(centred, tf.sqrt(tf.add(variance, eps)));
  return tf.add(tf.mul(normalised, params.get(`${name}.weight`)), params.get(`${name}.bias`));
}
