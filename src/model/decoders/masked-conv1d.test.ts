import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { ParameterSet } from '../params/parameter-set';
import {
  maskFromLengths,
  randomizedSpecs,
  relativeError,
  runNumpyReference,
  seededTensor,
  torchLayout,
  withNoisyPadding,
} from './decoder-test-helpers.node';
import { maskedConv1d } from './masked-conv1d';
import { conv1dSpecs } from './conv1d-specs';

const LENGTHS = [9, 5, 2, 1];
const [L, IN, OUT] = [9, 4, 3];

describe('maskedConv1d equals PyTorch zero-padded Conv1d over each unpadded protein', () => {
  for (const kernel of [3, 1]) {
    test(`kernel ${kernel}, padding rows full of noise`, () => {
      const params = new ParameterSet(randomizedSpecs(conv1dSpecs('conv', IN, OUT, kernel)), 9);
      const mask = maskFromLengths(LENGTHS, L);
      const clean = seededTensor([LENGTHS.length, L, IN], 4) as tf.Tensor3D;
      const x = withNoisyPadding(clean, mask, 77);
      const ours = tf.tidy(() => maskedConv1d(params, 'conv', x, mask).arraySync());
      const rows = clean.arraySync();
      const reference = runNumpyReference<{ output: number[][][] }>({
        case: 'conv',
        name: 'conv',
        params: torchLayout(params),
        proteins: LENGTHS.map((n, b) => (rows[b] ?? []).slice(0, n)),
      });
      const actual = LENGTHS.flatMap((n, b) => (ours[b] ?? []).slice(0, n).flat());
      const error = relativeError(actual, reference.output.flat(2));
      console.info(`conv1d k${kernel} vs NumPy: max relative error ${error.toExponential(2)}`);
      expect(actual.length).toBe(LENGTHS.reduce((a, n) => a + n, 0) * OUT);
      expect(error).toBeLessThan(1e-5);
      tf.dispose([mask, clean, x]);
      params.dispose();
    });
  }

  test('the weight layout is [k, in, out] and rejects even kernels', () => {
    expect(conv1dSpecs('c', 5, 7, 3).map((s) => s.shape)).toEqual([[3, 5, 7], [7]]);
    expect(() => conv1dSpecs('c', 5, 7, 2)).toThrow(/odd/);
  });
});
