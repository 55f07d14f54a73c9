import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { maxRelativeError, numericalGradient, analyticGradient } from '../testing/finite-difference.node';
import { diversityPenalty, klToPrior, softCodeUsage, uniformPrior, updateRunningPrior } from './usage-regularisers';

// K = 2 codes at 0 and 1 (D = 1). Protein 0: z = 0, 1. Protein 1: z = 0, then one padding row.
// q(z=0) = softmax(0, −1) = (σ, 1 − σ) with σ = 1/(1 + e⁻¹) = 0.7310586; q(z=1) = (1 − σ, σ).
// Per protein: (0.5, 0.5) and (σ, 1 − σ); mean p = (0.6155293, 0.3844707) (per residue it would be (0.5770, 0.4230)).
// Smoothed (α = 1e-3): (p + α)/(1 + 2α + 1e-8) = (0.6152987, 0.3847013) — NumPy: 0.6152986858, 0.3847013042.
const SIGMA = 1 / (1 + Math.exp(-1));
const P = [((0.5 + SIGMA) / 2 + 1e-3) / (1.002 + 1e-8), ((0.5 + 1 - SIGMA) / 2 + 1e-3) / (1.002 + 1e-8)];

function inputs(padding: number) {
  return {
    codebook: tf.tensor2d([[0], [1]]),
    z: tf.tensor3d([
      [[0], [1]],
      [[0], [padding]],
    ]),
    mask: tf.tensor2d([
      [1, 1],
      [1, 0],
    ]),
  };
}

function terms(padding: number) {
  return tf.tidy(() => {
    const { codebook, z, mask } = inputs(padding);
    const p = softCodeUsage(codebook, z, mask);
    return {
      p: Array.from(p.dataSync()),
      diversity: diversityPenalty(p).dataSync()[0] ?? NaN,
      kl: klToPrior(p, uniformPrior(2)).dataSync()[0] ?? NaN,
    };
  });
}

describe('soft code-usage regularisers (FoldTree2 HEAD)', () => {
  test('per-protein soft usage, diversity and KL to a uniform prior match the hand values', () => {
    const { p, diversity, kl } = terms(0.7);
    expect(P[0]).toBeCloseTo(0.6152986858, 9);
    p.forEach((v, k) => expect(v).toBeCloseTo(P[k] ?? NaN, 6));
    // Σ (p − ½)² = 2·(0.1152987)²; NumPy 0.0265875762.
    expect(diversity).toBeCloseTo(2 * ((P[0] ?? NaN) - 0.5) ** 2, 6);
    // Σ p ln(2p); NumPy 0.0268283592.
    expect(kl).toBeCloseTo(
      P.reduce((s, v) => s + v * Math.log(2 * v), 0),
      6,
    );
  });

  test('padding changes nothing; gradients match finite differences', () => {
    expect(terms(-40)).toEqual(terms(0.7));
    const { codebook, z, mask } = inputs(0.3);
    const zPoint = tf.tensor3d([
      [[0.2], [0.9]],
      [[0.4], [0.3]],
    ]);
    const f = (zz: tf.Tensor) => diversityPenalty(softCodeUsage(codebook, zz as tf.Tensor3D, mask));
    const indices = [0, 1, 2, 3];
    const analytic = analyticGradient(f, zPoint, indices);
    expect(analytic[3]).toBe(0);
    expect(
      maxRelativeError(analytic.slice(0, 3), numericalGradient(f, zPoint, indices.slice(0, 3)), 1e-4),
    ).toBeLessThan(1e-2);
    const g = (cb: tf.Tensor) =>
      klToPrior(softCodeUsage(cb as tf.Tensor2D, zPoint, mask), Float32Array.from([0.3, 0.7]));
    expect(
      maxRelativeError(analyticGradient(g, codebook, [0, 1]), numericalGradient(g, codebook, [0, 1]), 1e-4),
    ).toBeLessThan(1e-2);
    tf.dispose([codebook, z, mask, zPoint]);
  });

  test('running prior: m·prior + (1 − m)·p, renormalised', () => {
    const next = updateRunningPrior(uniformPrior(2), P, 0.95);
    // NumPy: 0.5057649345, 0.4942350655.
    expect(next[0]).toBeCloseTo(0.95 * 0.5 + 0.05 * (P[0] ?? NaN), 6);
    expect(next[0]).toBeCloseTo(0.5057649345, 6);
    expect((next[0] ?? 0) + (next[1] ?? 0)).toBeCloseTo(1, 6);
  });
});
