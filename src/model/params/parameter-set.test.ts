import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { initialValues, ParameterSet } from './parameter-set';
import { parameterCount, type ParameterSpec } from './parameter-spec';

const specs: ParameterSpec[] = [
  { name: 'encoder.input.mlp.0.weight', shape: [4, 3], init: { kind: 'uniform', limit: 0.5 } },
  { name: 'encoder.input.mlp.0.bias', shape: [3], init: { kind: 'zeros' } },
  { name: 'quantizer.codebook', shape: [5, 2], init: { kind: 'normal', std: 2 } },
];

describe('ParameterSet', () => {
  test('initial values are seeded per parameter, within the initializer range, equal across sets of one seed', () => {
    const a = initialValues(specs[0] as ParameterSpec, 7);
    expect(a).toEqual(initialValues(specs[0] as ParameterSpec, 7));
    expect(a).not.toEqual(initialValues(specs[0] as ParameterSpec, 8));
    expect(Math.max(...a.map(Math.abs))).toBeLessThanOrEqual(0.5);
    expect(parameterCount(specs)).toBe(12 + 3 + 10);
  });

  test('a second live set of the same names coexists, and gradients come back keyed by parameter name', () => {
    const first = new ParameterSet(specs, 1);
    const second = new ParameterSet(specs, 1);
    try {
      expect(second.get('quantizer.codebook').dataSync()).toEqual(first.get('quantizer.codebook').dataSync());
      const { value, grads } = tf.variableGrads(
        () => tf.sum(tf.mul(second.get('encoder.input.mlp.0.bias'), 3)),
        second.all(),
      );
      const byName = second.gradientsByName(grads);
      expect([...byName.keys()]).toEqual(
        ['encoder.input.mlp.0.weight', 'encoder.input.mlp.0.bias', 'quantizer.codebook'].filter((n) => byName.has(n)),
      );
      expect(byName.get('encoder.input.mlp.0.bias')?.dataSync()).toEqual(new Float32Array([3, 3, 3]));
      tf.dispose([value, ...Object.values(grads)]);
    } finally {
      first.dispose();
      second.dispose();
    }
    expect(() => first.get('quantizer.codebook')).toThrow(/no parameter named quantizer\.codebook/);
  });
});
