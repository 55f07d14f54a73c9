import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { stopGradient } from './stop-gradient';

describe('stopGradient', () => {
  test('passes the value through unchanged', () => {
    const x = tf.tensor2d([
      [1.5, -2],
      [0, 3.25],
    ]);
    const y = stopGradient(x);
    expect(y.shape).toEqual([2, 2]);
    expect(y.dtype).toBe('float32');
    expect(Array.from(y.dataSync())).toEqual([1.5, -2, 0, 3.25]);
    tf.dispose([x, y]);
  });

  test('sends exactly zero gradient: d/dx Σ sg(x)·x = x, d/dx Σ sg(x)² = 0', () => {
    const x = tf.tensor1d([1, -2, 3]);
    const mixed = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(stopGradient(t), t)))(x);
    expect(Array.from(mixed.dataSync())).toEqual([1, -2, 3]);
    const stopped = tf.grad((t: tf.Tensor) => tf.sum(tf.square(stopGradient(t))))(x);
    expect(Array.from(stopped.dataSync())).toEqual([0, 0, 0]);
    tf.dispose([x, mixed, stopped]);
  });

  test('works for variables under variableGrads and leaks no tensor', () => {
    const v = tf.variable(tf.tensor1d([2, 4]));
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(
      () => tf.sum(tf.add(tf.mul(v, 3), tf.square(stopGradient(v)))) as tf.Scalar,
      [v],
    );
    expect(value.dataSync()[0]).toBe(3 * 6 + 4 + 16);
    expect(Array.from(grads[v.name]?.dataSync() ?? [])).toEqual([3, 3]);
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    v.dispose();
  });
});
