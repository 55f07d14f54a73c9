/** Central finite-difference gradient checks of every loss term with respect to its prediction input. */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { analyticGradient, maxRelativeError, numericalGradient } from '../testing/finite-difference.node';
import { aminoAcidLoss } from './amino-acid-loss';
import { angleLoss, angleLossFromVectors } from './angle-loss';
import { distanceLogitLoss } from './distance-logit-loss';
import { edgeLoss } from './edge-loss';
import { fft2Loss } from './fft2-loss';
import { DEFAULT_DISTANCE_BIN_EDGES } from './loss-config';
import { mixedBatch, uniformValues } from './loss-fixtures.node';
import { disposeLossTargets, type LossTargets, toLossTargets } from './loss-targets';
import { secondaryStructureLoss } from './secondary-structure-loss';

const batch = mixedBatch(6);
const [B, L] = [batch.batchSize, batch.paddedLength];
let targets: LossTargets;
beforeAll(() => {
  targets = toLossTargets(batch, {
    maskPlddt: true,
    plddtThreshold: 0.3,
    distanceBinEdges: DEFAULT_DISTANCE_BIN_EDGES,
    seed: 2,
    step: 0,
    rank: 0,
  });
});
afterAll(() => disposeLossTargets(targets));

/**
 * 3e-2 rather than 1e-2 where the loss is smooth on that scale (softmax CE; the angle and fft2 points stay
 * ≥ 0.07 from the smooth-L1 kinks and the ±π wrap): float32 round-off of f (≈ 2e-7 for f ≈ 4) then costs
 * ≈ 1e-5 in the difference quotient. The edge term's −log p curves fast, so it keeps 1e-2.
 */
const STEP = 3e-2;

/** Flat indices of every entry (these tensors are tiny), so masked entries (gradient 0) are probed too. */
function allIndices(x: tf.Tensor): number[] {
  return Array.from({ length: x.size }, (_, k) => k);
}

/**
 * Largest relative error over all entries, with the floor at 2 % of the largest gradient entry: a mean over
 * n entries has gradients ~1/n, where float32 round-off in f(x ± h) (~1e-7·|f| / 2h) is not small against 1e-3.
 */
function check(f: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor, step = STEP): number {
  const indices = allIndices(x);
  const analytic = analyticGradient(f, x, indices);
  const numeric = numericalGradient(f, x, indices, step);
  x.dispose();
  const scale = Math.max(...analytic.map(Math.abs));
  expect(scale).toBeGreaterThan(0);
  return maxRelativeError(analytic, numeric, 2e-2 * scale);
}

describe('finite-difference gradients (float32, central, step 3e-2, every entry)', () => {
  test('amino acid, with and without label smoothing', () => {
    const x = (): tf.Tensor => tf.tensor3d(uniformValues(B * L * 20, -2, 2, 21), [B, L, 20]);
    expect(check((t) => aminoAcidLoss(t, targets.aminoAcids, targets.aminoAcidMask), x())).toBeLessThan(1e-2);
    expect(check((t) => aminoAcidLoss(t, targets.aminoAcids, targets.aminoAcidMask, 0.1), x())).toBeLessThan(1e-2);
  });
  test('secondary structure', () => {
    const x = tf.tensor3d(uniformValues(B * L * 3, -2, 2, 22), [B, L, 3]);
    expect(check((t) => secondaryStructureLoss(t, targets.secondaryStructure, targets.ssMask), x)).toBeLessThan(1e-2);
  });
  test('edge (contact probability)', () => {
    const x = tf.tensor3d(uniformValues(B * L * L, 0.2, 0.8, 23), [B, L, L]);
    expect(check((t) => edgeLoss(t, targets.positivePairs, targets.negativePairs), x, 1e-2)).toBeLessThan(1e-2);
  });
  test('logit (distance classes)', () => {
    const P = targets.pairs.count;
    const x = tf.tensor2d(uniformValues(P * 8, -2, 2, 24), [P, 8]);
    expect(check((t) => distanceLogitLoss(t, targets.pairs), x)).toBeLessThan(1e-2);
  });
  test('angles, away from the ±π wrap and the β kink', () => {
    // Prediction = target + offsets in ±[0.1, 0.4] (quadratic branch) or ±[0.6, 2.5] (linear branch).
    const truth = targets.angles.dataSync();
    const offsets = uniformValues(B * L * 3, 0, 1, 25).map(
      (u, k) => (k % 2 === 0 ? 1 : -1) * (k % 3 === 0 ? 0.1 + 0.3 * u : 0.6 + 1.9 * u),
    );
    const x = tf.tensor3d(
      truth.map((t, k) => t + (offsets[k] ?? 0)),
      [B, L, 3],
    );
    expect(check((t) => angleLoss(t, targets.angles, targets.angleMask), x)).toBeLessThan(1e-2);
  });
  test('angles through (sin, cos) vectors', () => {
    const x = tf.tensor3d(
      uniformValues(B * L * 6, 0.3, 1, 26).map((v, k) => (k % 4 === 1 ? -v : v)),
      [B, L, 6],
    );
    expect(check((t) => angleLossFromVectors(t, targets.angles, targets.angleMask), x)).toBeLessThan(1e-2);
  });
  test('fft2', () => {
    const truth = targets.fft2?.dataSync() ?? new Float32Array();
    const offsets = uniformValues(truth.length, 0, 1, 27).map((u, k) => (k % 2 === 0 ? 0.1 + 0.7 * u : -(1.2 + 2 * u)));
    const x = tf.tensor2d(
      truth.map((t, k) => t + (offsets[k] ?? 0)),
      [B, 12],
    );
    expect(check((t) => fft2Loss(t, targets.fft2 ?? t), x)).toBeLessThan(1e-2);
  });
});
