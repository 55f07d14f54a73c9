/** Fully connected layer over the last axis, PyTorch `nn.Linear` semantics (parameters: `linear-specs.ts`). */
import * as tf from '@tensorflow/tfjs';
import type { ParameterSet } from '../params/parameter-set';
import { reshapeView } from './tensor-view';

/** Rows tfjs's WebGPU tiled transpose takes: 16 per workgroup, at most 65535 workgroups along a dimension. */
export const TILED_TRANSPOSE_MAX_ROWS = 65535 * 16;

/**
 * Σ over the rows of g [rows, out] → [out]. tfjs's WebGPU backend sums the rows of a rank-2 tensor through a tiled
 * transpose that refuses more rows than {@link TILED_TRANSPOSE_MAX_ROWS} (the distance head's pairs at large
 * batches); on a rank-3 view it transposes over a flat, unlimited dispatch instead (slower, so only where needed).
 */
function sumRows(g: tf.Tensor): tf.Tensor {
  const [rows, out] = g.shape as [number, number];
  return rows <= TILED_TRANSPOSE_MAX_ROWS ? tf.sum(g, 0) : tf.sum(tf.reshape(g, [1, rows, out]), [0, 1]);
}

/**
 * x [..., in] · W [in, out] (+ b [out]) with the gradient written out: ∂x = g Wᵀ, ∂W = xᵀ g, ∂b = Σ_rows g, over
 * x's rows [rows, in]. Automatic differentiation of reshape + matMul + add took twice the kernels (reshapes, casts,
 * broadcast reductions); here the row views cost none.
 */
const affine = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const save = args[args.length - 1] as tf.GradSaveFunc;
  const [x, weight, bias] = args.slice(0, -1) as [tf.Tensor, tf.Tensor, tf.Tensor?];
  const [inDim, outDim] = weight.shape as [number, number];
  const lead = x.shape.slice(0, -1);
  const rows = reshapeView(x, [x.size / inDim, inDim]);
  save([rows, weight]);
  const product = tf.matMul(rows, weight);
  const y = bias ? tf.add(product, bias) : product;
  return {
    value: x.rank === 2 ? y : reshapeView(y, [...lead, outDim]),
    gradFunc: (g: tf.Tensor, [sx, sw]: tf.Tensor[]) =>
      tf.tidy(() => {
        const gRows = reshapeView(g, [g.size / outDim, outDim]);
        const dx = tf.matMul(gRows, sw as tf.Tensor, false, true);
        const grads = [x.rank === 2 ? dx : reshapeView(dx, x.shape), tf.matMul(sx as tf.Tensor, gRows, true, false)];
        if (bias) grads.push(sumRows(gRows));
        return grads;
      }),
  };
});

/** x [..., in] → [..., out]. */
export function linear(params: ParameterSet, name: string, x: tf.Tensor): tf.Tensor {
  const weight = params.get(`${name}.weight`);
  const inDim = weight.shape[0] ?? 0;
  if (x.shape[x.shape.length - 1] !== inDim)
    throw new Error(`${name}: input has ${x.shape[x.shape.length - 1]} features, the layer takes ${inDim}`);
  return params.has(`${name}.bias`) ? affine(x, weight, params.get(`${name}.bias`)) : affine(x, weight);
}
