/**
 * The pair heads of the `contacts` decoder, computed for ALL pairs of each protein at once (no index gathers):
 *
 * Contact probability: ẑ = z / √(|z|² + ε²); p_ij = clamp(sigmoid(τ⟨ẑ_i, ẑ_j⟩ + b), 1e-6, 1 − 1e-6) as one batched
 * matMul, with learnable scalars τ (init 1) and b (init 0). FoldTree2 REF has no τ, so its p ≤ sigmoid(1) ≈ 0.731.
 *
 * Distance bins: u_i = LayerNorm([z_i ‖ posMLP(pos_i)]) per residue, then the first pair layer is separable,
 * Linear([u_i ‖ u_j]) = u_i A + u_j C + bias with A, C the two halves of one (2·|u|, pairHidden) weight, broadcast
 * to [B, L, L, pairHidden]; then GELU → Linear → GELU → Linear(→ 8), REAL logits. FoldTree2 normalises the
 * concatenated pair vector instead (its LayerNorm couples i and j) and ends in a Sigmoid (reference §7.12).
 * Memory: each [B, L, L, pairHidden] activation is B·L²·pairHidden floats, and backprop keeps a few of them.
 */
import * as tf from '@tensorflow/tfjs';
import { gelu } from '../layers/activations';
import { layerNorm } from '../layers/layer-norm';
import { linear } from '../layers/linear';
import { mlp, type MlpShape } from '../layers/mlp';
import type { ParameterSet } from '../params/parameter-set';

/** Clamp of the contact probability, as FoldTree2 (keeps −log p and −log(1 − p) finite). */
export const CONTACT_PROBABILITY_FLOOR = 1e-6;
/** ε of ẑ = z / √(|z|² + ε²). */
export const CONTACT_NORM_EPS = 1e-6;
export const DISTANCE_BINS = 8;
/** Width of the learned position code fed to the distance head (FoldTree2 Position_MLP out_channels). */
export const PAIR_POSITION_WIDTH = 32;
/** LayerNorm eps of the distance head (FoldTree2 edge_logits_mlp LayerNorm). */
export const DISTANCE_NORM_EPS = 1e-6;

/** Position MLP 256 → pairHidden → pairHidden → 32: ReLU inside, Tanh out (FoldTree2 HEAD Position_MLP). */
export function pairPositionShape(pairHidden: number): MlpShape {
  return { widths: [256, pairHidden, pairHidden, PAIR_POSITION_WIDTH], activation: 'relu', lastActivation: 'tanh' };
}

/** z [B, L, h] → p [B, L, L]. Reads `<prefix>.temperature` and `<prefix>.bias` (shape [1]). */
export function contactProbability(params: ParameterSet, prefix: string, z: tf.Tensor3D): tf.Tensor3D {
  const unit = tf.div(z, tf.sqrt(tf.add(tf.sum(tf.square(z), 2, true), CONTACT_NORM_EPS * CONTACT_NORM_EPS)));
  const cosine = tf.matMul(unit, unit, false, true);
  const logits = tf.add(tf.mul(cosine, params.get(`${prefix}.temperature`)), params.get(`${prefix}.bias`));
  return tf.clipByValue(tf.sigmoid(logits), CONTACT_PROBABILITY_FLOOR, 1 - CONTACT_PROBABILITY_FLOOR) as tf.Tensor3D;
}

/**
 * z [B, L, h], positions [B, L, 256] (padding rows zeroed by the caller) → logits [B, L, L, 8], pair [b, i, j]
 * built from [u_i ‖ u_j]. Reads `<prefix>.positions.*`, `<prefix>.distanceNorm`, `<prefix>.distance.{0,1,2}`.
 */
export function distanceLogits(params: ParameterSet, prefix: string, z: tf.Tensor3D, positions: tf.Tensor3D, pairHidden: number): tf.Tensor4D {
  const [B, L] = z.shape;
  const position = mlp(params, `${prefix}.positions`, pairPositionShape(pairHidden), positions);
  const u = layerNorm(params, `${prefix}.distanceNorm`, tf.concat([z, position], 2), DISTANCE_NORM_EPS);
  const width = u.shape[2] ?? 0;
  const weight = params.get(`${prefix}.distance.0.weight`);
  const left = tf.matMul(tf.reshape(u, [B * L, width]), tf.slice(weight, [0, 0], [width, pairHidden]));
  const right = tf.matMul(tf.reshape(u, [B * L, width]), tf.slice(weight, [width, 0], [width, pairHidden]));
  const first = tf.add(
    tf.add(tf.reshape(left, [B, L, 1, pairHidden]), tf.reshape(right, [B, 1, L, pairHidden])),
    params.get(`${prefix}.distance.0.bias`),
  );
  const second = gelu(linear(params, `${prefix}.distance.1`, gelu(first)));
  return linear(params, `${prefix}.distance.2`, second) as tf.Tensor4D;
}
