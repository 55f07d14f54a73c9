import * as tf from '@tensorflow/tfjs';
import { expect, test } from 'vitest';
import { matMulShapes } from './f16-batch-matmul-kernel';
import { checkF16MatMul } from './f16-matmul-check';

test("the check's reference equals tfjs's float32 matMul on the CPU, and half rounding moves every case by far more", async () => {
  await tf.setBackend('cpu');
  // On the CPU backend nothing is rounded to half: the exact-f32 reference must match (this checks the reference's
  // indexing of transposes and broadcast batches), and the half-rounded reference must not.
  const report = await checkF16MatMul('cpu');
  expect(report.cases).toHaveLength(5);
  for (const c of report.cases) {
    expect(c.vsFloat32, c.label).toBeLessThan(1e-6);
    expect(c.vsHalfReference, c.label).toBeGreaterThan(1e-5);
    expect(c.vsHalfReference, c.label).toBeLessThan(2e-3);
  }
  expect(report.overflowGivesInfinity).toBe(false);
  console.log(
    `CPU float32 vs references: exact ${Math.max(...report.cases.map((c) => c.vsFloat32)).toExponential(2)}, half-rounded ${Math.min(...report.cases.map((c) => c.vsHalfReference)).toExponential(2)}`,
  );
});

test('matMul shapes follow tfjs: transposes, flattened outer dims, a broadcast batch, and clear errors', () => {
  expect(matMulShapes([2, 3, 5, 7], [2, 3, 7, 4], false, false)).toEqual({
    batchA: 6,
    batchB: 6,
    m: 5,
    n: 4,
    k: 7,
    outShape: [2, 3, 5, 4],
  });
  expect(matMulShapes([7, 5], [4, 7], true, true)).toEqual({
    batchA: 1,
    batchB: 1,
    m: 5,
    n: 4,
    k: 7,
    outShape: [5, 4],
  });
  expect(matMulShapes([4, 7, 64], [1, 64, 3], false, false).outShape).toEqual([4, 7, 3]);
  expect(() => matMulShapes([5, 6], [7, 4], false, false)).toThrow(/inner dimensions 6 and 7/);
  expect(() => matMulShapes([2, 5, 6], [3, 6, 4], false, false)).toThrow(/do not broadcast/);
});
