import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../shared/seeded-rng';
import { newtonSchulz } from './newton-schulz';
import { runReference, seededValues, type ReferenceResult } from './python-reference.node';

const SHAPES: [number, number][] = [
  [8, 8],
  [16, 64],
  [64, 16],
  [3, 100],
];

describe('newtonSchulz', () => {
  const inputs = SHAPES.map(([r, c], k) => seededValues(createRng(100 + k), r * c));
  let ours: number[][];
  let reference: ReferenceResult;

  beforeAll(() => {
    ours = SHAPES.map(([r, c], k) =>
      tf.tidy(() => Array.from(newtonSchulz(tf.tensor3d(inputs[k] ?? [], [1, r, c])).dataSync())),
    );
    reference = runReference({
      newton_schulz: SHAPES.map(([r, c], k) => ({
        id: `${r}x${c}`,
        shape: [r, c],
        values: inputs[k] ?? [],
        ours: ours[k] ?? [],
      })),
    });
  });

  it.each(SHAPES)('%i×%i: singular values of the output lie in [0.5, 1.5]', (r, c) => {
    const sv = reference.newton_schulz[`${r}x${c}`]?.singular_values ?? [];
    expect(sv.length).toBe(Math.min(r, c));
    console.log(`NS ${r}×${c}: singular values in [${Math.min(...sv).toFixed(3)}, ${Math.max(...sv).toFixed(3)}]`);
    for (const s of sv) {
      expect(s).toBeGreaterThanOrEqual(0.5);
      expect(s).toBeLessThanOrEqual(1.5);
    }
  });

  it.each(SHAPES)('%i×%i: equals NumPy float32 muon.py zeropower_via_newtonschulz5 within 1e-5', (r, c) => {
    const k = SHAPES.findIndex(([a, b]) => a === r && b === c);
    const expected = reference.newton_schulz[`${r}x${c}`]?.output ?? [];
    const diff = Math.max(...(ours[k] ?? []).map((x, i) => Math.abs(x - (expected[i] ?? NaN))));
    expect(diff).toBeLessThan(1e-5);
  });

  it.each([
    [5, 16, 64],
    [4, 64, 16],
    [3, 8, 8],
  ])('a batch of %i matrices of %i×%i equals each matrix on its own', (n, r, c) => {
    const values = seededValues(createRng(7, r, c), n * r * c);
    const diff = tf.tidy(() => {
      const stack = tf.tensor3d(values, [n, r, c]);
      const batched = newtonSchulz(stack);
      const single = tf.concat(
        tf.split(stack, n, 0).map((m) => newtonSchulz(m as tf.Tensor3D)),
        0,
      );
      return tf.max(tf.abs(tf.sub(batched, single))).dataSync()[0] ?? NaN;
    });
    expect(diff).toBeLessThan(1e-6);
  });

  it('maps a zero matrix to zero (the 1e-7 keeps the normalisation finite)', () => {
    const out = tf.tidy(() => Array.from(newtonSchulz(tf.zeros([2, 3, 5]) as tf.Tensor3D).dataSync()));
    expect(out.every((x) => x === 0)).toBe(true);
  });

  it('leaves no tensor behind inside tf.tidy', () => {
    const x = tf.randomNormal([3, 6, 4]) as tf.Tensor3D;
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      newtonSchulz(x);
    });
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
