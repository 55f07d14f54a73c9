/**
 * Sum over leading axes on the wasm backend equals, bit for bit, a float32 accumulation of the rows in order
 * written here (every partial sum rounded to float32); other reductions still work as before.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRng } from '../../shared/seeded-rng';
import { registerWasmKernels } from './register-wasm-kernels';

registerWasmKernels();

beforeAll(async () => {
  expect(await tf.setBackend('wasm')).toBe(true);
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

/** Σ over the first `leading` axes of row-major `values` (shape `shape`), float32 partial sums, rows in order. */
function float32ColumnSums(values: Float32Array, shape: number[], leading: number): number[] {
  const rows = shape.slice(0, leading).reduce((a, b) => a * b, 1);
  const cols = values.length / rows;
  const out = new Array<number>(cols).fill(0);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) out[c] = Math.fround((out[c] ?? 0) + (values[r * cols + c] ?? 0));
  return out;
}

describe('Sum over leading axes', () => {
  test('[rows, out] over rows, [a, b, c] over the first one or two axes, keepDims: exact float32 row-order sums', async () => {
    const rng = createRng(5);
    for (const [shape, axes, keepDims] of [
      [[1024, 64], [0], false],
      [[7, 3], 0, true],
      [[4, 5, 6], [0], false],
      [[4, 5, 6], [1, 0], true],
    ] as const) {
      const values = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.nextFloat() * 2 - 1);
      const x = tf.tensor(values, [...shape]);
      const summed = tf.sum(x, axes as number | number[], keepDims);
      const leading = Array.isArray(axes) ? axes.length : 1;
      const kept = shape.slice(leading);
      expect(summed.shape).toEqual(keepDims ? [...shape.slice(0, leading).map(() => 1), ...kept] : kept);
      expect(Array.from(await summed.data())).toEqual(float32ColumnSums(values, [...shape], leading));
      tf.dispose([x, summed]);
    }
  });

  test('a sum over inner or all axes, or of int32, goes to the backend as before', async () => {
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(Array.from(await tf.sum(x, 1).data())).toEqual([6, 15]);
    expect(Array.from(await tf.sum(x).data())).toEqual([21]);
    expect(Array.from(await tf.sum(tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32'), 0).data())).toEqual([4, 6]);
    x.dispose();
  });
});
