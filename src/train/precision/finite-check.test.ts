import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { countNonFinite, readNonFiniteCount } from './finite-check';

describe('non-finite count over many tensors', () => {
  it('counts NaN and ±Inf across tensors in one scalar, leaking nothing', async () => {
    const before = tf.memory().numTensors;
    const tensors = [
      tf.tensor1d([1, NaN, 2]),
      tf.tensor2d([
        [Infinity, 0],
        [-Infinity, 3.4e38],
      ]),
      tf.scalar(-0),
    ];
    expect(await readNonFiniteCount(tensors)).toBe(3);
    expect(await readNonFiniteCount([tensors[2] as tf.Tensor])).toBe(0);
    expect(await readNonFiniteCount([])).toBe(0);
    const count = tf.tidy(() => countNonFinite(tensors));
    expect(count.shape).toEqual([]);
    count.dispose();
    tf.dispose(tensors);
    expect(tf.memory().numTensors).toBe(before);
  });
});
