/**
 * The pair heads of the `contacts` decoder.
 *
 * Contact probability, for ALL pairs of each protein at once (one batched matMul, no width per pair):
 * ẑ = z / √(|z|² + ε²); p_ij = clamp(sigmoid(τ⟨ẑ_i, ẑ_j⟩ + b), 1e-6, 1 − 1e-6), learnable scalars τ (init 1) and
 * b (init 0). FoldTree2 REF has no τ, so its p ≤ sigmoid(1) ≈ 0.731.
 *
 * Distance bins, for the scored pairs only (the positives and sampled negatives the losses use), as FoldTree2's
 * `edge_logits_mlp`: [z_i ‖ z_j ‖ pos_i ‖ pos_j] (pos = this head's position MLP, width 32) → LayerNorm(2h + 64) →
 * Linear(→ P) → GELU → Linear(P → P) → GELU → Linear(P → P/2) → GELU → Linear(→ 8), REAL logits: FoldTree2 ends in
 * a Sigmoid and feeds those (0, 1) values to the cross-entropy (reference §7.12), which we do not copy. Memory is
 * pairs × width, so it grows with the contacts, not with L² × width.
 */
import * as tf from '@tensorflow/tfjs';
import { gelu } from '../layers/activations';
import { linear } from '../layers/linear';
import type { ParameterSet } from '../params/parameter-set';
import type { PairRows } from './decoder-types';
import { EDGE_LOGIT_LAYERS, EDGE_NORM_EPS } from './edge-logits-specs';

/** Clamp of the contact probability, as FoldTree2 (keeps −log p and −log(1 − p) finite). */
export const CONTACT_PROBABILITY_FLOOR = 1e-6;
/** ε of ẑ = z / √(|z|² + ε²). */
export const CONTACT_NORM_EPS = 1e-6;

/** z [B, L, h] → p [B, L, L]. Reads `<prefix>.temperature` and `<prefix>.bias` (shape [1]). */
export function contactProbability(params: ParameterSet, prefix: string, z: tf.Tensor3D): tf.Tensor3D {
  const unit = tf.div(z, tf.sqrt(tf.add(tf.sum(tf.square(z), 2, true), CONTACT_NORM_EPS * CONTACT_NORM_EPS)));
  const cosine = tf.matMul(unit, unit, false, true);
  const logits = tf.add(tf.mul(cosine, params.get(`${prefix}.temperature`)), params.get(`${prefix}.bias`));
  return tf.clipByValue(tf.sigmoid(logits), CONTACT_PROBABILITY_FLOOR, 1 - CONTACT_PROBABILITY_FLOOR) as tf.Tensor3D;
}

/**
 * The first layer of the distance head, LayerNorm then Linear over x = [z_i ‖ z_j ‖ pos_i ‖ pos_j], computed
 * without building x. With u = [z ‖ pos] per residue (width w), γ, β the LayerNorm's affine parameters and W, b0
 * the Linear's:
 *   Linear(LayerNorm(x)) = (a_i + c_j − μ_ij·g) / σ_ij + (βW + b0)
 * where a_i = u_i·(γ⊙W)[i rows], c_j = u_j·(γ⊙W)[j rows], g = Σ_k γ_k W_k, μ_ij = (s_i + s_j)/2w and
 * σ_ij² = (q_i + q_j)/2w − μ_ij² + eps from each residue's sum s and sum of squares q. The per-residue terms are
 * [B·L, P] matMuls; only two rows are gathered per pair. Exactly FoldTree2's formula (biased variance, as
 * nn.LayerNorm), in another order of float32 operations.
 */
function firstPairLayer(
  params: ParameterSet,
  prefix: string,
  z: tf.Tensor2D,
  position: tf.Tensor2D,
  pairs: PairRows,
): tf.Tensor2D {
  const h = z.shape[1];
  const c = position.shape[1];
  const width = h + c;
  const weight = params.get(`${prefix}.distance.0.weight`); // [2w, P], rows z_i, z_j, pos_i, pos_j
  const gamma = params.get(`${prefix}.distanceNorm.weight`);
  const beta = params.get(`${prefix}.distanceNorm.bias`);
  const scaled = tf.mul(weight, tf.reshape(gamma, [-1, 1]));
  const rows = (from: number, count: number) => tf.slice(scaled, [from, 0], [count, -1]);
  const first = tf.concat([rows(0, h), rows(2 * h, c)], 0); // [w, P]
  const second = tf.concat([rows(h, h), rows(2 * h + c, c)], 0);
  const u = tf.concat([z, position], 1); // [B·L, w]
  const left = tf.gather(tf.matMul(u, first), pairs.first); // [P, P_h]
  const right = tf.gather(tf.matMul(u, second), pairs.second);
  const pairSum = (perResidue: tf.Tensor) =>
    tf.add(tf.gather(perResidue, pairs.first), tf.gather(perResidue, pairs.second)); // [P, 1]
  const mean = tf.div(pairSum(tf.sum(u, 1, true)), 2 * width);
  const meanSquare = tf.div(pairSum(tf.sum(tf.square(u), 1, true)), 2 * width);
  const deviation = tf.sqrt(tf.add(tf.sub(meanSquare, tf.square(mean)), EDGE_NORM_EPS));
  const g = tf.sum(scaled, 0); // [P]
  const offset = tf.add(tf.matMul(tf.reshape(beta, [1, -1]), weight), params.get(`${prefix}.distance.0.bias`)); // [1, P]
  return tf.add(tf.div(tf.sub(tf.add(left, right), tf.mul(mean, g)), deviation), offset) as tf.Tensor2D;
}

/**
 * z [B, L, h], code [B, L, c] (the decoder's position code), `pairs` [P] rows → logits [P, 8].
 * Reads `<prefix>.distanceNorm` and `<prefix>.distance.{0,1,2,3}` (edge-logits-specs.ts declares them).
 */
export function distanceLogits(
  params: ParameterSet,
  prefix: string,
  z: tf.Tensor3D,
  code: tf.Tensor3D,
  pairs: PairRows,
): tf.Tensor2D {
  const [B, L, h] = z.shape;
  const c = code.shape[2];
  let x: tf.Tensor = firstPairLayer(params, prefix, tf.reshape(z, [B * L, h]), tf.reshape(code, [B * L, c]), pairs);
  for (let k = 1; k < EDGE_LOGIT_LAYERS; k++) x = linear(params, `${prefix}.distance.${k}`, gelu(x));
  return x as tf.Tensor2D;
}
