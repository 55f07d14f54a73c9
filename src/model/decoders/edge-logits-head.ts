/**
 * The distance-bin head of the `contacts` decoder in FoldTree2's `edge_logits_mlp` form, for every pair of each
 * protein at once. Pair (i, j) reads v_ij = [z_i ‖ z_j ‖ pos_i ‖ pos_j] (z the decoder latent of width h, pos its
 * own Position_MLP code of width 32), then
 *
 *   LayerNorm(2(h + 32), ε 1e-6) → Linear(→ P) → GELU → Linear(P → P) → GELU → Linear(P → P/2) → GELU → Linear(→ 8)
 *
 * with REAL logits at the end: FoldTree2 ends in a Sigmoid and feeds (0, 1) values to the cross-entropy, which
 * bounds its logit loss from below (reference §7.12); dropping it is our fix and changes no shape.
 *
 * The LayerNorm couples i and j but is still separable: with u = [z ‖ pos] per residue, the pair mean and second
 * moment are (S_i + S_j) / W and (Q_i + Q_j) / W (S, Q the sums of u and u², W = 2|u|), so the first Linear is
 * (A_i + C_j − μ_ij·g) / σ_ij + k, where A_i = (u_i ∘ γ_i-slots) W_i-rows, C_j likewise for the j slots,
 * g = γ W and k = β W + b. Only [B, L, L, P] tensors are formed, never the [B, L, L, 2(h + 32)] pair vectors.
 */
import * as tf from '@tensorflow/tfjs';
import { gelu } from '../layers/activations';
import { layerNormSpecs } from '../layers/layer-norm';
import { linear, linearSpecs } from '../layers/linear';
import type { ParameterSet } from '../params/parameter-set';
import type { ParameterSpec } from '../params/parameter-spec';

export const EDGE_LOGIT_BINS = 8;
/** ε of the pair LayerNorm (FoldTree2's edge_logits_mlp.0). */
export const EDGE_NORM_EPS = 1e-6;

/** The pair MLP's widths after the LayerNorm: P, P, P/2, 8. */
export function edgeLogitWidths(pairHidden: number): number[] {
  return [pairHidden, pairHidden, Math.floor(pairHidden / 2), EDGE_LOGIT_BINS];
}

/** `<prefix>.distanceNorm` over 2(h + c) and `<prefix>.distance.{0,1,2,3}`; c = the position code's width. */
export function edgeLogitSpecs(prefix: string, hidden: number, codeWidth: number, pairHidden: number): ParameterSpec[] {
  if (pairHidden < 2) throw new Error(`${prefix}: the distance head's width ${pairHidden} must be at least 2 (its third layer has width P/2)`);
  const pairWidth = 2 * (hidden + codeWidth);
  const widths = [pairWidth, ...edgeLogitWidths(pairHidden)];
  return [...layerNormSpecs(`${prefix}.distanceNorm`, pairWidth), ...widths.slice(1).flatMap((out, k) => linearSpecs(`${prefix}.distance.${k}`, widths[k] ?? 0, out))];
}

/** Rows of a [2(h + c), ·] matrix (or entries of a vector) in the i slots (z_i, pos_i) or the j slots (z_j, pos_j). */
function slots(x: tf.Tensor, h: number, c: number, side: 0 | 1): tf.Tensor {
  const z = tf.slice(x, [side * h], [h]);
  const pos = tf.slice(x, [2 * h + side * c], [c]);
  return tf.concat([z, pos], 0);
}

function rowSlots(w: tf.Tensor2D, h: number, c: number, side: 0 | 1): tf.Tensor2D {
  const cols = w.shape[1];
  return tf.concat([tf.slice(w, [side * h, 0], [h, cols]), tf.slice(w, [2 * h + side * c, 0], [c, cols])], 0);
}

/** z [B, L, h], code [B, L, c] → logits [B, L, L, 8], pair [b, i, j] from [z_i ‖ z_j ‖ pos_i ‖ pos_j]. */
export function edgeLogits(params: ParameterSet, prefix: string, z: tf.Tensor3D, code: tf.Tensor3D): tf.Tensor4D {
  const [B, L, h] = z.shape;
  const c = code.shape[2];
  const u = tf.concat([z, code], 2);
  const width = 2 * (h + c);
  const gamma = params.get(`${prefix}.distanceNorm.weight`);
  const beta = params.get(`${prefix}.distanceNorm.bias`);
  const weight = params.get(`${prefix}.distance.0.weight`) as tf.Tensor2D;
  const P = weight.shape[1];
  const project = (side: 0 | 1): tf.Tensor => {
    const scaled = tf.mul(tf.reshape(u, [B * L, h + c]), slots(gamma, h, c, side));
    return tf.reshape(tf.matMul(scaled as tf.Tensor2D, rowSlots(weight, h, c, side)), [B, L, P]);
  };
  const sums = tf.sum(u, 2);
  const squares = tf.sum(tf.square(u), 2);
  const mean = tf.div(tf.add(tf.expandDims(sums, 2), tf.expandDims(sums, 1)), width);
  const second = tf.div(tf.add(tf.expandDims(squares, 2), tf.expandDims(squares, 1)), width);
  const inverseStd = tf.rsqrt(tf.add(tf.relu(tf.sub(second, tf.square(mean))), EDGE_NORM_EPS));
  const g = tf.matMul(tf.reshape(gamma, [1, width]), weight);
  const k = tf.add(tf.matMul(tf.reshape(beta, [1, width]), weight), params.get(`${prefix}.distance.0.bias`));
  const pairs = tf.add(tf.reshape(project(0), [B, L, 1, P]), tf.reshape(project(1), [B, 1, L, P]));
  const centred = tf.sub(pairs, tf.mul(tf.expandDims(mean, 3), tf.reshape(g, [1, 1, 1, P])));
  const first = tf.add(tf.mul(centred, tf.expandDims(inverseStd, 3)), tf.reshape(k, [1, 1, 1, P]));
  const second1 = gelu(linear(params, `${prefix}.distance.1`, gelu(first)));
  const third = gelu(linear(params, `${prefix}.distance.2`, second1));
  return linear(params, `${prefix}.distance.3`, third) as tf.Tensor4D;
}
