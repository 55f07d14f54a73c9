import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, test } from 'vitest';
import { ParameterSet } from '../params/parameter-set';
import { analyticGradient, maxRelativeError, numericalGradient, probeIndices } from '../testing/finite-difference.node';
import { parameterGradientCheck, randomiseParameters, randomValues } from './gradient-check.node';
import { perProteinNorm } from './per-protein-norm';
import { perProteinNormSpecs } from './per-protein-norm-specs';

let params: ParameterSet | undefined;
afterEach(() => {
  params?.dispose();
  params = undefined;
});

function normParams(dim: number): ParameterSet {
  params = new ParameterSet(perProteinNormSpecs('norm', dim), 1);
  return params;
}

function set(p: ParameterSet, name: string, values: number[]): void {
  const t = tf.tensor1d(values);
  p.get(name).assign(t);
  t.dispose();
}

describe('perProteinNorm (GraphNorm per protein)', () => {
  test('hand-checked 3-residue protein, padding row 0', () => {
    const p = normParams(2);
    set(p, 'norm.weight', [2, 1]);
    set(p, 'norm.bias', [0.5, -0.25]);
    set(p, 'norm.mean_scale', [0.5, 1]);
    // Column 0: x = 1, 2, 4 → μ = 7/3, o = x − 0.5 μ = −1/6, 5/6, 17/6, σ² = (1 + 25 + 289) / (36·3) = 315/108,
    // y = 2 o / √(315/108 + 1e-5) + 0.5 = 0.304820, 1.475898, 3.818055.
    // Column 1 is constant (3): with α = 1 it centres to 0 and y = β = −0.25. Row 4 is padding (value 100).
    const x = tf.tensor3d([
      [
        [1, 3],
        [2, 3],
        [4, 3],
        [100, 100],
      ],
    ]);
    const mask = tf.tensor2d([[1, 1, 1, 0]]);
    const y = tf.tidy(() => perProteinNorm(p, 'norm', x, mask)).arraySync()[0] ?? [];
    const expected = [0.30482032, 1.4758984, 3.81805456];
    expected.forEach((v, i) => {
      expect(y[i]?.[0]).toBeCloseTo(v, 5);
      expect(y[i]?.[1]).toBeCloseTo(-0.25, 6);
    });
    expect(y[3]?.map((v) => v + 0)).toEqual([0, 0]);
    tf.dispose([x, mask]);
  });

  test("a protein's output does not depend on its batch mate", () => {
    const p = normParams(3);
    randomiseParameters(p, 2, 1);
    const [L, C] = [5, 3];
    const p1 = randomValues(L * C, 10, 2);
    const p2 = randomValues(L * C, 11, 5);
    const p3 = randomValues(L * C, 12, 0.1);
    const run = (mate: Float32Array, mateLength: number): number[][] =>
      tf
        .tidy(() => {
          const x = tf.tensor3d([...p1, ...mate], [2, L, C]);
          const mask = tf.tensor2d([[1, 1, 1, 0, 0], Array.from({ length: L }, (_, i) => (i < mateLength ? 1 : 0))]);
          return perProteinNorm(p, 'norm', x, mask);
        })
        .arraySync()[0] ?? [];
    const withP2 = run(p2, 5);
    const withP3 = run(p3, 2);
    expect(withP3).toEqual(withP2);
    // And it is not the whole-batch statistics of FoldTree2: a single-protein batch gives the same numbers.
    const alone = tf
      .tidy(() => perProteinNorm(p, 'norm', tf.tensor3d(p1, [1, L, C]), tf.tensor2d([[1, 1, 1, 0, 0]])))
      .arraySync()[0];
    expect(alone).toEqual(withP2);
  });

  const [B, L, C] = [2, 4, 3];
  const mask = tf.tensor2d([
    [1, 1, 1, 0],
    [1, 1, 1, 1],
  ]);
  const x = tf.tensor3d(randomValues(B * L * C, 20, 1.5), [B, L, C]);
  const weight = tf.tensor3d(randomValues(B * L * C, 21), [B, L, C]);

  test('finite-difference gradient with respect to the input', () => {
    const p = normParams(C);
    randomiseParameters(p, 3, 1);
    const loss = (input: tf.Tensor): tf.Scalar =>
      tf.sum(tf.mul(perProteinNorm(p, 'norm', input as tf.Tensor3D, mask), weight));
    const indices = probeIndices(x.size, 12);
    expect(maxRelativeError(analyticGradient(loss, x, indices), numericalGradient(loss, x, indices))).toBeLessThan(
      1e-2,
    );
  });

  test.each(['weight', 'bias', 'mean_scale'])('finite-difference gradient with respect to %s', (name) => {
    const p = normParams(C);
    randomiseParameters(p, 3, 1);
    const { error } = parameterGradientCheck(p, `norm.${name}`, () =>
      tf.sum(tf.mul(perProteinNorm(p, 'norm', x, mask), weight)),
    );
    expect(error).toBeLessThan(1e-2);
  });

  test('no tensor leak', () => {
    const p = normParams(C);
    const before = tf.memory().numTensors;
    tf.tidy(() => perProteinNorm(p, 'norm', x, mask)).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
