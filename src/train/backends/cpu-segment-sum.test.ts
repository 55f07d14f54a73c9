/**
 * The CPU backend's UnsortedSegmentSum, once replaced, gives the sums written out here by hand and the gradient of
 * a gather equal to the original kernel's (to float32 rounding), in one pass over the rows.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { registerCpuSegmentSum } from './cpu-segment-sum';

describe('UnsortedSegmentSum on the CPU backend', () => {
  test('hand-computed sums, ids out of range dropped; a gather gradient equal to the original kernel’s', async () => {
    await tf.setBackend('cpu');
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]);
    const ids = tf.tensor1d([2, 0, 2, 5], 'int32');
    const table = tf.randomNormal([50, 3], 0, 1, 'float32', 7);
    const picks = tf.tensor1d(
      Array.from({ length: 400 }, (_, k) => (k * 37) % 50),
      'int32',
    );
    const upstream = tf.randomNormal([400, 3], 0, 1, 'float32', 8);
    const gatherGradient = () => tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, picks), upstream)))(table);
    const before = await gatherGradient().data();

    registerCpuSegmentSum();
    registerCpuSegmentSum();
    expect(Array.from(await tf.unsortedSegmentSum(x, ids, 3).data())).toEqual([3, 4, 0, 0, 6, 8]);
    const after = await gatherGradient().data();
    for (let k = 0; k < before.length; k++) expect(after[k]).toBeCloseTo(before[k] ?? NaN, 5);
    tf.dispose([x, ids, table, picks, upstream]);
  });
});
