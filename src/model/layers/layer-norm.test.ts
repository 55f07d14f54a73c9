/** LayerNorm's hand-written gradient against central finite differences, for x, γ and β, on a rank-3 input. */
import * as tf from '@tensorflow/tfjs';
import { expect, test } from 'vitest';
import { ParameterSet } from '../params/parameter-set';
import { maxRelativeError, numericalGradient, probeIndices } from '../testing/finite-difference.node';
import { layerNorm } from './layer-norm';

test('∂/∂x, ∂/∂γ and ∂/∂β of Σ w ⊙ LayerNorm(x) match finite differences; the value matches the formula', () => {
  const params = new ParameterSet(
    [
      { name: 'n.weight', shape: [5], init: { kind: 'uniform', limit: 1 } },
      { name: 'n.bias', shape: [5], init: { kind: 'uniform', limit: 1 } },
    ],
    3,
  );
  const x = tf.randomUniform([2, 3, 5], -2, 2, 'float32', 4);
  const w = tf.randomUniform([2, 3, 5], -1, 1, 'float32', 5);
  const objective = () => tf.sum(tf.mul(layerNorm(params, 'n', x, 1e-5), w)) as tf.Scalar;
  // The value, row by row, from the formula in float64.
  const values = tf.tidy(() => layerNorm(params, 'n', x, 1e-5).arraySync() as number[][][]);
  const rows = x.arraySync() as number[][][];
  const [gamma, beta] = [params.get('n.weight').arraySync() as number[], params.get('n.bias').arraySync() as number[]];
  rows.flat().forEach((row, r) => {
    const mean = row.reduce((a, b) => a + b, 0) / row.length;
    const variance = row.reduce((a, b) => a + (b - mean) ** 2, 0) / row.length;
    row.forEach((v, c) =>
      expect(values.flat()[r]?.[c]).toBeCloseTo(
        ((v - mean) / Math.sqrt(variance + 1e-5)) * (gamma[c] ?? NaN) + (beta[c] ?? NaN),
        5,
      ),
    );
  });
  const dx = tf.tidy(() =>
    Array.from(
      tf
        .grad((t: tf.Tensor) => tf.sum(tf.mul(layerNorm(params, 'n', t, 1e-5), w)) as tf.Scalar)(x)
        .dataSync(),
    ),
  );
  const indices = probeIndices(x.size, 12);
  const numeric = numericalGradient(
    (t) => tf.sum(tf.mul(layerNorm(params, 'n', t, 1e-5), w)) as tf.Scalar,
    x,
    indices,
    1e-2,
  );
  expect(
    maxRelativeError(
      indices.map((k) => dx[k] ?? NaN),
      numeric,
      1e-2,
    ),
  ).toBeLessThan(5e-3);
  for (const name of ['n.weight', 'n.bias']) {
    const variable = params.get(name);
    const { value, grads } = tf.variableGrads(objective, [variable]);
    const analytic = Array.from(params.gradientsByName(grads).get(name)?.dataSync() ?? []);
    const base = variable.dataSync().slice();
    const numericParam = base.map((_, k) => {
      const at = (delta: number) => {
        const probe = base.slice();
        probe[k] = (base[k] ?? 0) + delta;
        variable.assign(tf.tensor1d(probe));
        return tf.tidy(() => objective().dataSync()[0] ?? NaN);
      };
      const slope = (at(1e-2) - at(-1e-2)) / 2e-2;
      variable.assign(tf.tensor1d(base));
      return slope;
    });
    expect(maxRelativeError(analytic, Array.from(numericParam), 1e-2), name).toBeLessThan(5e-3);
    tf.dispose([value, ...Object.values(grads)]);
  }
  tf.dispose([x, w]);
  params.dispose();
});
