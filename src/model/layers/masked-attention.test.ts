/**
 * The hand-written attention gradient against central finite differences (float64 sums of float32 evaluations on
 * the CPU backend), for every differentiable input, with a neighbour mask that leaves one query with no key, edge
 * terms and a dropout multiplier; and the saved memory: one [B, H, L, L] map kept for the backward.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, test } from 'vitest';
import { maxRelativeError, numericalGradient, probeIndices } from '../testing/finite-difference.node';
import { maskedAttention } from './masked-attention';

const [B, H, L, C] = [2, 2, 5, 3];
const seeded = (shape: number[], seed: number, scale = 1): tf.Tensor =>
  tf.randomUniform(shape, -scale, scale, 'float32', seed);
// Protein 1 has 3 real residues; query 4 of protein 0 has no neighbour at all.
const allowedValues = Array.from({ length: B * L * L }, (_, cell) => {
  const [b, i, j] = [Math.floor(cell / (L * L)), Math.floor(cell / L) % L, cell % L];
  if (b === 0) return i !== 4 && (i + j) % 3 !== 0 ? 1 : 0;
  return i < 3 && j < 3 ? 1 : 0;
});
const allowed = tf.tensor4d(allowedValues, [B, 1, L, L]);
const edges = tf.mul(seeded([B, 1, L, L], 5, 2), allowed);
const dropout = tf.tensor4d(
  Array.from({ length: B * H * L * L }, (_, k) => (k % 7 === 3 ? 0 : 1 / 0.8)),
  [B, H, L, L],
);
const projection = seeded([B, H, L, C], 9);
afterAll(() => tf.dispose([allowed, edges, dropout, projection]));

type Inputs = [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
const inputs = (): Inputs => [
  seeded([B, H, L, C], 1),
  seeded([B, H, L, C], 2),
  seeded([B, H, L, C], 3),
  seeded([B, H, L, 1], 4),
  seeded([1, H, 1, C], 6),
];

/** Σ projection ⊙ out: a scalar objective of every output entry. */
function objective(values: Inputs, withEdges: boolean, withDropout: boolean): tf.Scalar {
  const [q, k, v, queryEdge, weight] = values;
  const out = maskedAttention(q as tf.Tensor4D, k as tf.Tensor4D, v as tf.Tensor4D, {
    allowed,
    scale: 1 / Math.sqrt(C),
    dropout: withDropout ? dropout : undefined,
    edges: withEdges ? { values: edges, queryEdge, weight } : undefined,
  });
  return tf.sum(tf.mul(out, projection));
}

describe('maskedAttention gradient', () => {
  for (const [label, withEdges, withDropout] of [
    ['graph attention with edges and dropout', true, true],
    ['self-attention', false, false],
  ] as const) {
    test(`${label}: every input's gradient matches finite differences`, () => {
      const base = inputs();
      const count = withEdges ? 5 : 3;
      const analytic = tf.tidy(() =>
        tf
          .grads((...xs: tf.Tensor[]) =>
            objective([...xs, ...base.slice(xs.length)] as Inputs, withEdges, withDropout),
          )(base.slice(0, count))
          .map((g) => Array.from(g.dataSync())),
      );
      for (let input = 0; input < count; input++) {
        const x = base[input] as tf.Tensor;
        const indices = probeIndices(x.size, 12);
        const f = (t: tf.Tensor) =>
          objective(base.map((b, n) => (n === input ? t : b)) as Inputs, withEdges, withDropout);
        const numeric = numericalGradient(f, x, indices, 1e-2);
        const error = maxRelativeError(
          indices.map((k) => analytic[input]?.[k] ?? NaN),
          numeric,
          1e-2,
        );
        expect(error, `input ${input}`).toBeLessThan(5e-3);
      }
      tf.dispose(base);
    });
  }

  test('a query with no allowed key reads nothing and passes no gradient; masked keys get none either', () => {
    const base = inputs();
    const [, k, v] = tf
      .tidy(() => tf.grads((...xs: tf.Tensor[]) => objective(xs as Inputs, true, false))(base))
      .map((g) => g.arraySync() as number[][][][]);
    // Keys 3 and 4 of protein 1 are padding: no query reads them.
    for (const head of [0, 1])
      for (const key of [3, 4])
        for (const c of [0, 1, 2]) expect([k?.[1]?.[head]?.[key]?.[c], v?.[1]?.[head]?.[key]?.[c]]).toEqual([0, 0]);
    const out = tf.tidy(() =>
      maskedAttention(base[0] as tf.Tensor4D, base[1] as tf.Tensor4D, base[2] as tf.Tensor4D, {
        allowed,
        scale: 1,
      }).arraySync(),
    );
    expect(out[0]?.[1]?.[4]).toEqual([0, 0, 0]);
    tf.dispose(base);
  });

  test('the forward keeps no intermediate beyond its output and what the backward needs', () => {
    const base = inputs();
    const before = tf.memory().numTensors;
    const grads = tf.tidy(() => tf.grads((...xs: tf.Tensor[]) => objective(xs as Inputs, true, true))(base));
    expect(tf.memory().numTensors).toBe(before + 5);
    tf.dispose([...grads, ...base]);
  });
});
