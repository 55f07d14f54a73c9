import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { maxRelativeError, numericalGradient } from '../testing/finite-difference.node';
import { HAND_BETA, HAND_CODEBOOK, HAND_CODES, HAND_REAL_Z, handInputs } from './hand-example.node';
import { quantize } from './quantize';

const ND = 3 * 2; // real residues × D in the hand example
const W = [
  [0.5, -1],
  [2, 0.25],
  [-3, 1.5],
  [7, 9],
];

/** Gradients w.r.t. z and the codebook of f(quantize(...)), as nested arrays. */
function gradients(f: (r: ReturnType<typeof quantize>) => tf.Scalar, padding?: readonly [number, number]) {
  return tf.tidy(() => {
    const { codebook, z, mask } = handInputs(padding);
    const g = tf.grads((zz: tf.Tensor, cb: tf.Tensor) =>
      f(quantize(cb as tf.Tensor2D, zz as tf.Tensor3D, mask, HAND_BETA)),
    )([z, codebook]);
    return { z: (g[0]?.arraySync() as number[][][])[0] ?? [], codebook: g[1]?.arraySync() as number[][] };
  });
}

function expectRows(actual: number[][], expected: number[][], digits = 6): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, n) => row.forEach((v, d) => expect(v).toBeCloseTo(expected[n]?.[d] ?? NaN, digits)));
}

describe('straight-through estimator', () => {
  test('d Σ(w ⊙ quantized) / dz = w on real residues, 0 on padding; no gradient to the codebook', () => {
    const g = gradients((r) => tf.sum(tf.mul(r.quantized, tf.tensor3d([W]))));
    expect(g.z).toEqual([W[0], W[1], W[2], [0, 0]]);
    expect(g.codebook).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  });
});

describe('VQ loss gradients', () => {
  test('d loss / dz = 2β(z − q)/(N·D) on real residues and exactly 0 on padding', () => {
    const expected = HAND_REAL_Z.map((z, n) =>
      z.map((v, d) => (2 * HAND_BETA * (v - (HAND_CODEBOOK[HAND_CODES[n] ?? 0]?.[d] ?? NaN))) / ND),
    );
    const g = gradients((r) => r.loss);
    expectRows(g.z, [...expected, [0, 0]], 7);
    expect(g.z[3]).toEqual([0, 0]);
  });

  test('d loss / d codebook = Σ over assigned z of 2(e_k − z)/(N·D): (−1/15, −1/30), (1/10, −2/15), (0, 0)', () => {
    // e0 ← z0 = (0.2, 0.1): 2·(−0.2, −0.1)/6.  e1 ← z1, z2: 2·[(0.1, −0.3) + (0.2, −0.1)]/6 = (0.1, −0.1333).  e2: unused.
    const g = gradients((r) => r.loss);
    expectRows(g.codebook, [
      [-1 / 15, -1 / 30],
      [1 / 10, -2 / 15],
      [0, 0],
    ]);
  });

  test('finite differences: codebook gradient of the loss matches d q_latent / d codebook; z gradient matches β·d e_latent / dz', () => {
    const { codebook, z, mask } = handInputs();
    const indices = [0, 1, 2, 3, 4, 5];
    // The VALUE of each latent term depends on both inputs; only the gradient is stopped, so compare against the
    // finite difference of the one term the gradient flows through.
    const numericCodebook = numericalGradient(
      (cb) => quantize(cb as tf.Tensor2D, z, mask, HAND_BETA).qLatent,
      codebook,
      indices,
    );
    const numericZ = numericalGradient(
      (zz) => tf.mul(quantize(codebook, zz as tf.Tensor3D, mask, HAND_BETA).eLatent, HAND_BETA),
      z,
      indices,
    );
    const analytic = gradients((r) => r.loss);
    expect(maxRelativeError(analytic.codebook.flat(), numericCodebook)).toBeLessThan(1e-2);
    expect(maxRelativeError(analytic.z.flat().slice(0, 6), numericZ)).toBeLessThan(1e-2);
    tf.dispose([codebook, z, mask]);
  });

  test('padding values change no gradient', () => {
    const reference = gradients((r) => tf.add(r.loss, tf.sum(tf.mul(r.quantized, tf.tensor3d([W])))), [0, 0]);
    for (const padding of [
      [3, 3],
      [0.9, 0.3],
      [-1e5, 2e5],
      [NaN, -Infinity],
    ] as const) {
      expect(gradients((r) => tf.add(r.loss, tf.sum(tf.mul(r.quantized, tf.tensor3d([W])))), padding)).toEqual(
        reference,
      );
    }
  });
});
