/** The cast-free gradients of Multiply, RealDiv and Square give the hand-derived values, broadcasting included. */
import * as tf from '@tensorflow/tfjs';
import { expect, test } from 'vitest';
import { registerLeanGradients } from './lean-gradients';

registerLeanGradients();

test('∂(a⊙b), ∂(a/b) and ∂a² with a [2, 3] and b broadcast from [3], and no Cast kernel', async () => {
  const a = tf.tensor2d([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const b = tf.tensor1d([2, -1, 0.5]);
  let grads: tf.Tensor[] = [];
  const profile = await tf.profile(() => {
    grads = tf.grads((x: tf.Tensor, y: tf.Tensor) =>
      tf.add(tf.add(tf.sum(tf.mul(x, y)), tf.sum(tf.div(x, y))), tf.sum(tf.square(x))),
    )([a, b]);
  });
  const [da, db] = (await Promise.all(grads.map((g) => g.array()))) as [number[][], number[]];
  // ∂/∂a = b + 1/b + 2a;  ∂/∂b = Σ_rows (a − a/b²)
  expect(da).toEqual([
    [2 + 0.5 + 2, -1 - 1 + 4, 0.5 + 2 + 6],
    [2 + 0.5 + 8, -1 - 1 + 10, 0.5 + 2 + 12],
  ]);
  expect(db[0]).toBeCloseTo(1 + 4 - (1 + 4) / 4, 6);
  expect(db[1]).toBeCloseTo(2 + 5 - (2 + 5) / 1, 6);
  expect(db[2]).toBeCloseTo(3 + 6 - (3 + 6) / 0.25, 5);
  expect(profile.kernels.map((k) => k.name)).not.toContain('Cast');
  tf.dispose([a, b, ...grads]);
});
