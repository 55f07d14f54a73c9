/** GELU's hand-written derivative against central differences of the float64 exact-erf GELU. */
import * as tf from '@tensorflow/tfjs';
import { expect, test } from 'vitest';
import { gelu } from './activations';

/** erf by its Maclaurin series, in float64 (ample for |x| ≤ 3). */
function erf(x: number): number {
  let sum = 0;
  let term = x;
  for (let n = 0; n < 80; n++) {
    sum += term / (2 * n + 1);
    term *= (-x * x) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
const exactGelu = (x: number): number => 0.5 * x * (1 + erf(x / Math.SQRT2));

test('GELU and its gradient equal the float64 exact-erf GELU and its central difference', () => {
  const xs = [-4, -2.5, -1, -0.3, 0, 0.2, 0.9, 1.7, 3.2];
  const weights = xs.map((_, k) => 1 + k / 10);
  const [values, grads] = tf.tidy(() => {
    const x = tf.tensor1d(xs);
    const w = tf.tensor1d(weights);
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(gelu(t), w)))(x);
    return [Array.from(gelu(x).dataSync()), Array.from(g.dataSync())];
  });
  xs.forEach((x, k) => {
    expect(values[k]).toBeCloseTo(exactGelu(x), 6);
    const h = 1e-5;
    const derivative = (exactGelu(x + h) - exactGelu(x - h)) / (2 * h);
    expect(grads[k]).toBeCloseTo((weights[k] ?? NaN) * derivative, 5);
  });
});
