/**
 * The XNNPACK-only BatchMatMul on the wasm backend gives the products of a float64 reference computed here in plain
 * loops, for every layout the model and the gradients produce: transposes on either side, batches with and without
 * a shared right operand, rank 4, and the shapes it hands back to the original kernel.
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

function randomValues(size: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: size }, () => rng.nextFloat() * 2 - 1);
}

/** float64 product of row-major a [batchA, ·, ·] and b [batchB, ·, ·] with the given flags; batch 1 broadcasts. */
function referenceProduct(
  a: Float32Array,
  aShape: number[],
  b: Float32Array,
  bShape: number[],
  transposeA: boolean,
  transposeB: boolean,
): Float64Array {
  const [ra, ca] = aShape.slice(-2) as [number, number];
  const [rb, cb] = bShape.slice(-2) as [number, number];
  const m = transposeA ? ca : ra;
  const k = transposeA ? ra : ca;
  const n = transposeB ? rb : cb;
  const batchA = a.length / (ra * ca);
  const batchB = b.length / (rb * cb);
  const batch = Math.max(batchA, batchB);
  const out = new Float64Array(batch * m * n);
  for (let e = 0; e < batch; e++) {
    const aBase = (batchA === 1 ? 0 : e) * ra * ca;
    const bBase = (batchB === 1 ? 0 : e) * rb * cb;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) {
          const av = a[aBase + (transposeA ? p * ca + i : i * ca + p)] ?? NaN;
          const bv = b[bBase + (transposeB ? j * cb + p : p * cb + j)] ?? NaN;
          sum += av * bv;
        }
        out[e * m * n + i * n + j] = sum;
      }
    }
  }
  return out;
}

const cases: { aShape: number[]; bShape: number[]; transposeA: boolean; transposeB: boolean }[] = [
  { aShape: [37, 19], bShape: [19, 23], transposeA: false, transposeB: false },
  { aShape: [19, 37], bShape: [19, 23], transposeA: true, transposeB: false },
  { aShape: [37, 19], bShape: [23, 19], transposeA: false, transposeB: true },
  { aShape: [19, 37], bShape: [23, 19], transposeA: true, transposeB: true },
  { aShape: [5, 17, 9], bShape: [5, 9, 11], transposeA: false, transposeB: false },
  { aShape: [5, 17, 9], bShape: [5, 11, 9], transposeA: false, transposeB: true },
  { aShape: [5, 9, 17], bShape: [5, 9, 11], transposeA: true, transposeB: false },
  { aShape: [2, 3, 17, 9], bShape: [2, 3, 9, 11], transposeA: false, transposeB: false },
  { aShape: [4, 17, 9], bShape: [9, 11], transposeA: false, transposeB: false },
  { aShape: [4, 17, 9], bShape: [1, 11, 9], transposeA: false, transposeB: true },
  { aShape: [1, 17, 9], bShape: [4, 9, 11], transposeA: false, transposeB: false },
];

describe('BatchMatMul on the wasm backend', () => {
  test.each(cases)(
    'a $aShape (T $transposeA) × b $bShape (T $transposeB) equals the float64 product',
    async ({ aShape, bShape, transposeA, transposeB }) => {
      const aValues = randomValues(
        aShape.reduce((x, y) => x * y, 1),
        11,
      );
      const bValues = randomValues(
        bShape.reduce((x, y) => x * y, 1),
        12,
      );
      const product = tf.tidy(() =>
        tf.matMul(tf.tensor(aValues, aShape), tf.tensor(bValues, bShape), transposeA, transposeB),
      );
      const expected = referenceProduct(aValues, aShape, bValues, bShape, transposeA, transposeB);
      const actual = await product.data();
      product.dispose();
      expect(actual.length).toBe(expected.length);
      let worst = 0;
      for (let i = 0; i < expected.length; i++)
        worst = Math.max(worst, Math.abs((actual[i] ?? NaN) - (expected[i] ?? NaN)));
      expect(worst).toBeLessThan(1e-5);
    },
  );

  test('the output shape follows the batch dimensions of the operands', () => {
    const shape = tf.tidy(() => tf.matMul(tf.zeros([2, 3, 4, 5]), tf.zeros([2, 3, 6, 5]), false, true).shape);
    expect(shape).toEqual([2, 3, 4, 6]);
  });

  test('no tensor is left behind by a batched, transposed product', () => {
    const before = tf.memory().numTensors;
    const bytesBefore = tf.memory().numBytes;
    tf.tidy(() => {
      tf.matMul(tf.ones([3, 8, 4]), tf.ones([3, 8, 5]), true, false);
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.memory().numBytes).toBe(bytesBefore);
  });
});
