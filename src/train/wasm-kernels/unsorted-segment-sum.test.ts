/** The wasm UnsortedSegmentSum and the gather gradient built on it, against sums written out by hand. */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { registerWasmKernels } from './register-wasm-kernels';

registerWasmKernels();
beforeAll(async () => {
  expect(await tf.setBackend('wasm')).toBe(true);
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

test('rows with the same id are summed; ids out of range are dropped', async () => {
  const x = tf.tensor2d([
    [1, 2],
    [3, 4],
    [5, 6],
    [7, 8],
  ]);
  const sums = tf.unsortedSegmentSum(x, tf.tensor1d([2, 0, 2, 5], 'int32'), 3);
  expect(await sums.array()).toEqual([
    [3, 4],
    [0, 0],
    [6, 8],
  ]);
  tf.dispose([x, sums]);
});

test('the gradient of gather adds the upstream rows of every pick of a row', async () => {
  const rows = tf.tensor2d([
    [1, 1],
    [2, 2],
    [3, 3],
  ]);
  const weights = tf.tensor2d([
    [1, 10],
    [100, 1000],
    [2, 20],
    [3, 30],
  ]);
  const indices = tf.tensor1d([0, 2, 0, 1], 'int32');
  // L = Σ gather(rows, idx) ⊙ W: dL/d rows[r] = Σ over picks of r of that pick's W row.
  const grad = tf.grad((r: tf.Tensor) => tf.sum(tf.mul(tf.gather(r, indices), weights)))(rows);
  expect(await grad.array()).toEqual([
    [3, 30],
    [3, 30],
    [100, 1000],
  ]);
  tf.dispose([rows, weights, indices, grad]);
});

test('gathering whole rows copies them in the order of the indices; other axes are gathered as before', async () => {
  const x = tf.tensor2d([
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ]);
  const rows = tf.gather(
    x,
    tf.tensor2d(
      [
        [2, 0],
        [1, 1],
      ],
      [2, 2],
      'int32',
    ),
  );
  expect(await rows.array()).toEqual([
    [
      [7, 8, 9],
      [1, 2, 3],
    ],
    [
      [4, 5, 6],
      [4, 5, 6],
    ],
  ]);
  const columns = tf.gather(x, tf.tensor1d([2, 0], 'int32'), 1);
  expect(await columns.array()).toEqual([
    [3, 1],
    [6, 4],
    [9, 7],
  ]);
  expect(() => tf.gather(x, tf.tensor1d([3], 'int32'))).toThrow('index 3 is not in [0, 3)');
  tf.dispose([x, rows, columns]);
});
