/**
 * FoldTree2 HEAD's gradient-friendly code-usage regularisers (commit e5e4646), optional terms whose weights default
 * to 0 here (HEAD: diversity 0.5, KL 0.1; REF: KL 1 on hard usage, which has no gradient and only shifts the logged
 * loss, so it is not reproduced). Soft assignments q = softmax(−‖z − e‖²/τ) over codes; p = per-protein mean of q
 * over real residues, averaged over proteins that have any, Laplace-smoothed: p ← (p + α)/(Σ(p + α) + 1e-8).
 */
import * as tf from '@tensorflow/tfjs';
import { maskedRows } from './masked-rows';
import { squaredDistances } from './squared-distances';

const EPS = 1e-8;

export interface SoftUsageOptions {
  /** τ of the softmax over negative squared distances (FoldTree2 `kl_tau` / `div_tau`, 1). */
  readonly temperature?: number;
  /** Laplace smoothing α (FoldTree2 `kl_alpha` / `div_alpha`, 1e-3). */
  readonly alpha?: number;
}

/**
 * p [K]: the smoothed soft code usage of a batch, differentiable w.r.t. z [B, L, D] and the codebook [K, D].
 * Padding rows of z (mask [B, L] = 0) change nothing. Tidy-safe.
 */
export function softCodeUsage(
  codebook: tf.Tensor2D,
  z: tf.Tensor3D,
  mask: tf.Tensor2D,
  options: SoftUsageOptions = {},
): tf.Tensor1D {
  const [B, L] = z.shape;
  const K = codebook.shape[0];
  const tau = Math.max(options.temperature ?? 1, EPS);
  const alpha = options.alpha ?? 1e-3;
  return tf.tidy(() => {
    const { rows: zClean, maskColumn } = maskedRows(z, mask);
    const q = tf.mul(tf.softmax(tf.div(tf.neg(squaredDistances(zClean, codebook)), tau)), maskColumn);
    const residues = tf.sum(tf.reshape(maskColumn, [B, L]), 1, true); // [B, 1]
    const perProtein = tf.div(tf.sum(tf.reshape(q, [B, L, K]), 1), tf.add(residues, EPS)); // [B, K]
    const present = tf.cast(tf.greater(residues, 0), 'float32');
    const mean = tf.div(tf.sum(tf.mul(perProtein, present), 0), tf.maximum(tf.sum(present), 1));
    const smoothed = tf.add(mean, alpha);
    return tf.div(smoothed, tf.add(tf.sum(smoothed), EPS)) as tf.Tensor1D;
  });
}

/** Σ_k (p_k − 1/K)²: 0 for uniform use (FoldTree2 `diversity_regularization_soft`). */
export function diversityPenalty(usage: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.square(tf.sub(usage, 1 / usage.shape[0]))));
}

/** KL(p ‖ prior) = Σ p (log(p + ε) − log(prior + ε)), the prior [K] a constant (clamped to ε, renormalised). */
export function klToPrior(usage: tf.Tensor1D, prior: Float32Array): tf.Scalar {
  if (prior.length !== usage.shape[0])
    throw new Error(`klToPrior: prior has ${prior.length} entries, usage ${usage.shape[0]}`);
  const clamped = Array.from(prior, (v) => Math.max(v, EPS));
  const total = clamped.reduce((a, b) => a + b, 0) + EPS;
  const logPrior = Float32Array.from(clamped, (v) => Math.log(v / total + EPS));
  return tf.tidy(() => tf.sum(tf.mul(usage, tf.sub(tf.log(tf.add(usage, EPS)), tf.tensor1d(logPrior)))));
}

/** FoldTree2's running prior: prior ← m·prior + (1 − m)·p, renormalised (HEAD m = 0.95). Start from 1/K each. */
export function updateRunningPrior(prior: Float32Array, usage: ArrayLike<number>, momentum = 0.95): Float32Array {
  if (usage.length !== prior.length)
    throw new Error(`updateRunningPrior: ${prior.length} prior entries, ${usage.length} usage entries`);
  const next = Float32Array.from(prior, (v, k) => momentum * v + (1 - momentum) * (usage[k] ?? 0));
  const total = next.reduce((a, b) => a + b, 0);
  return total > 0 ? next.map((v) => v / total) : Float32Array.from(prior);
}

/** The uniform initial prior, 1/K per code (FoldTree2's `running_prior` buffer). */
export function uniformPrior(codes: number): Float32Array {
  return new Float32Array(codes).fill(1 / codes);
}
