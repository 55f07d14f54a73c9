import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { ParameterSet } from '../params/parameter-set';
import {
  maskFromLengths,
  randomizedSpecs,
  relativeError,
  runNumpyReference,
  seededTensor,
  testContext,
  torchLayout,
} from './decoder-test-helpers.node';
import { transformerLayer } from './transformer-encoder';
import { transformerLayerSpecs } from './transformer-encoder-specs';

const LENGTHS = [7, 4, 1];
const [B, L, H, HEADS, FF] = [3, 7, 8, 2, 16];

describe('transformerLayer against NumPy nn.TransformerEncoderLayer formulas', () => {
  test('post-LN self-attention + ReLU FFN with a key-padding mask, every row (padding queries included)', () => {
    const params = new ParameterSet(
      randomizedSpecs(transformerLayerSpecs('layer', { hidden: H, heads: HEADS, feedForward: FF })),
      5,
    );
    const x = seededTensor([B, L, H], 21, 2) as tf.Tensor3D;
    const mask = maskFromLengths(LENGTHS, L);
    const positions = tf.zeros([B, L, 256]) as tf.Tensor3D;
    const before = tf.memory().numTensors;
    const ours = tf.tidy(() =>
      transformerLayer(params, 'layer', x, mask, { heads: HEADS, dropout: 0.3 }, testContext(mask, positions)),
    );
    expect(tf.memory().numTensors).toBe(before + 1);
    const reference = runNumpyReference<{ output: number[][][] }>({
      case: 'layer',
      name: 'layer',
      heads: HEADS,
      params: torchLayout(params),
      x: x.arraySync(),
      mask: mask.arraySync(),
    });
    const error = relativeError(ours.dataSync(), reference.output.flat(2));
    console.info(`transformer layer vs NumPy: max relative error ${error.toExponential(2)}`);
    expect(error).toBeLessThan(1e-4);
    tf.dispose([ours, x, mask, positions]);
    params.dispose();
  });

  test('a real row ignores padding keys: changing padding rows leaves real rows bit-identical', () => {
    const params = new ParameterSet(transformerLayerSpecs('layer', { hidden: H, heads: HEADS, feedForward: FF }), 6);
    const mask = maskFromLengths(LENGTHS, L);
    const positions = tf.zeros([B, L, 256]) as tf.Tensor3D;
    // `+ 0` turns −0 into 0: padding rows are multiplied by 0 and the sign of a zero is not an output.
    const run = (seed: number): number[] =>
      tf.tidy(() => {
        const x = seededTensor([B, L, H], 3) as tf.Tensor3D;
        const noisy = tf.add(
          tf.mul(x, tf.expandDims(mask, 2)),
          tf.mul(seededTensor([B, L, H], seed, 40), tf.expandDims(tf.sub(1, mask), 2)),
        );
        const y = transformerLayer(
          params,
          'layer',
          noisy as tf.Tensor3D,
          mask,
          { heads: HEADS, dropout: 0 },
          testContext(mask, positions),
        );
        return Array.from(tf.mul(y, tf.expandDims(mask, 2)).dataSync(), (v) => v + 0);
      });
    expect(run(100)).toEqual(run(200));
    tf.dispose([mask, positions]);
    params.dispose();
  });
});
