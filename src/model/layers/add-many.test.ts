import * as tf from '@tensorflow/tfjs';
import { expect, test } from 'vitest';
import { addMany } from './add-many';

test('sums any number of tensors exactly like a running sum, without leaking', () => {
  const before = tf.memory().numTensors;
  for (const count of [1, 2, 3, 8, 9, 131]) {
    const parts = Array.from({ length: count }, (_, k) => tf.tensor1d([k, 2 * k + 1]));
    const sum = addMany(parts);
    expect(Array.from(sum.dataSync())).toEqual([(count * (count - 1)) / 2, count * count]);
    tf.dispose([...parts, sum]);
  }
  expect(tf.memory().numTensors).toBe(before);
  expect(() => addMany([])).toThrow(/at least one/);
});
