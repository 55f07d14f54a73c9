import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { ParameterSet } from '../params/parameter-set';
import { linear, TILED_TRANSPOSE_MAX_ROWS } from './linear';

describe('linear', () => {
  test('past the tiled-transpose row limit (the rank-3 bias path) it computes x·W + b and the bias gradient Σ rows', () => {
    const rows = TILED_TRANSPOSE_MAX_ROWS + 3;
    const params = new ParameterSet(
      [
        { name: 'l.weight', shape: [1, 2], init: { kind: 'constant', value: 0.5 } },
        { name: 'l.bias', shape: [2], init: { kind: 'constant', value: 0.25 } },
      ],
      1,
    );
    try {
      // Row k of x holds k mod 4; x is rank 3, so the layer must also restore the leading axes.
      const x = tf.tidy(() => tf.reshape(tf.mod(tf.range(0, rows), 4), [1, rows, 1]));
      const y = linear(params, 'l', x);
      expect(y.shape).toEqual([1, rows, 2]);
      expect(Array.from(y.slice([0, 5, 0], [1, 2, 2]).dataSync())).toEqual([
        0.5 * 1 + 0.25,
        0.5 * 1 + 0.25,
        0.5 * 2 + 0.25,
        0.5 * 2 + 0.25,
      ]);
      // loss = Σ y[:, 0] · 1 + Σ y[:, 1] · 2 → ∂loss/∂b = [rows, 2·rows].
      const { value, grads } = tf.variableGrads(
        () => tf.sum(tf.mul(linear(params, 'l', x), tf.tensor1d([1, 2]))) as tf.Scalar,
        [params.get('l.bias')],
      );
      expect(Array.from(params.gradientsByName(grads).get('l.bias')?.dataSync() ?? [])).toEqual([rows, 2 * rows]);
      tf.dispose([x, y, value, ...Object.values(grads)]);
    } finally {
      params.dispose();
    }
  });
});
