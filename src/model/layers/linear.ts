/** Fully connected layer over the last axis, PyTorch `nn.Linear` semantics and initialisation. */
import * as tf from '@tensorflow/tfjs';
import type { ParameterSet } from '../params/parameter-set';
import type { ParameterSpec } from '../params/parameter-spec';

/** `name.weight` (in, out) and `name.bias` (out), both U(−1/√in, 1/√in) like PyTorch. */
export function linearSpecs(name: string, inDim: number, outDim: number, bias = true): ParameterSpec[] {
  const limit = 1 / Math.sqrt(inDim);
  const specs: ParameterSpec[] = [{ name: `${name}.weight`, shape: [inDim, outDim], init: { kind: 'uniform', limit } }];
  if (bias) specs.push({ name: `${name}.bias`, shape: [outDim], init: { kind: 'uniform', limit } });
  return specs;
}

/** Rows tfjs's WebGPU tiled transpose takes: 16 per workgroup, at most 65535 workgroups along a dimension. */
export const TILED_TRANSPOSE_MAX_ROWS = 65535 * 16;

/** x [..., in] → [..., out]. */
export function linear(params: ParameterSet, name: string, x: tf.Tensor): tf.Tensor {
  const weight = params.get(`${name}.weight`);
  const [inDim, outDim] = weight.shape as [number, number];
  const lead = x.shape.slice(0, -1);
  if (x.shape[x.shape.length - 1] !== inDim) throw new Error(`${name}: input has ${x.shape[x.shape.length - 1]} features, the layer takes ${inDim}`);
  const y = tf.matMul(tf.reshape(x, [-1, inDim]), weight);
  if (!params.has(`${name}.bias`)) return tf.reshape(y, [...lead, outDim]);
  const bias = params.get(`${name}.bias`);
  if ((y.shape[0] ?? 0) <= TILED_TRANSPOSE_MAX_ROWS) return tf.reshape(tf.add(y, bias), [...lead, outDim]);
  // The bias gradient sums the rows. tfjs's WebGPU backend sums the rows of a rank-2 tensor through a tiled
  // transpose that refuses more rows than this (the contact head's residue pairs: 20 proteins × 256² residues);
  // on a rank-3 view it transposes over a flat, unlimited dispatch instead (slower, so only where needed).
  return tf.reshape(tf.add(tf.reshape(y, [1, -1, outDim]), bias), [...lead, outDim]);
}
