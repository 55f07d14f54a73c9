import { describe, expect, test } from 'vitest';
import { MODEL_PRESETS } from '../../model/presets';
import { sampleBatch } from '../../model/testing/sample-batch.node';
import { compareDifferentiations, differentiate } from './backend-comparison';

describe('backend comparison', () => {
  test('identical runs differ by nothing; a perturbed gradient is found and named', async () => {
    const batch = await sampleBatch({ proteins: 2, offset: 172, maxLength: 24 });
    const a = await differentiate(MODEL_PRESETS.tiny, batch, 41, 3);
    const b = await differentiate(MODEL_PRESETS.tiny, batch, 41, 3);
    expect(compareDifferentiations(a, b)).toEqual({
      loss: { relative: 0, at: '' },
      gradient: { relative: 0, at: '' },
      gradientNorm: 0,
    });
    const name = 'encoder.head.out.2.weight';
    const grad = b.grads[name] ?? new Float32Array();
    const scale = Math.max(...grad.map(Math.abs));
    const perturbed = { ...b, grads: { ...b.grads, [name]: grad.map((v, k) => (k === 3 ? v + scale * 0.01 : v)) } };
    const difference = compareDifferentiations(a, perturbed);
    expect(difference.gradient.at).toBe(name);
    expect(difference.gradient.relative).toBeCloseTo(0.01, 4);
    // One entry moved by 0.01·scale: the global norm moves by exactly that over ‖g‖ of every gradient.
    const norm = Math.sqrt(Object.values(a.grads).reduce((s, g) => s + g.reduce((t, v) => t + v * v, 0), 0));
    expect(difference.gradientNorm).toBeCloseTo((scale * 0.01) / norm, 6);
  });
});
