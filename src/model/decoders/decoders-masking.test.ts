/**
 * Mask exactness: whatever padding rows of the tokens and positions hold, every output at a real residue or real
 * pair and every parameter gradient of a masked objective is bit-identical, with and without dropout. Also: the
 * dropout masks are seeded, nothing leaks, and a disabled decoder makes no parameters and no outputs.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, test } from 'vitest';
import { DECODER_NAMES, type DecoderConfigs } from '../model-config';
import { ParameterSet } from '../params/parameter-set';
import { maskFromLengths, realPairs, seededTensor, testContext, withNoisyPadding } from './decoder-test-helpers.node';
import type { DecoderContext, DecoderOutputName, DecoderOutputs } from './decoder-types';
import { decode, disposeDecoderOutputs } from './registry';
import { decoderPrefix, decoderSpecs } from './decoder-specs';

const LENGTHS = [7, 4, 2];
const [B, L, D] = [3, 7, 4];
/** Outputs over every [B, L, L] pair; `distanceLogits` has one row per listed pair, all of them real. */
const PAIRWISE: readonly DecoderOutputName[] = ['contactProbability'];
const OUTPUTS_OF = {
  sequence: ['aminoAcidLogits'],
  geometry: ['ssLogits', 'angleVectors', 'angles'],
  contacts: ['contactProbability', 'distanceLogits'],
  fft2: ['fft2'],
} as const satisfies Record<keyof DecoderConfigs, readonly DecoderOutputName[]>;

function configsWithDropout(dropout: number): DecoderConfigs {
  return {
    sequence: { enabled: true, hidden: 8, layers: 2, heads: 2, feedForward: 16, dropout, learnPositions: true },
    geometry: { enabled: true, hidden: 8, layers: 1, heads: 4, feedForward: 16, dropout, learnPositions: false },
    contacts: { enabled: true, hidden: 8, convLayers: 3, pairHidden: 8, dropout },
    fft2: { enabled: true, hidden: 8 },
  };
}

const params = new ParameterSet(decoderSpecs(configsWithDropout(0), D), 31);
const mask = maskFromLengths(LENGTHS, L);
const tokens = seededTensor([B, L, D], 41) as tf.Tensor3D;
const positions = withNoisyPadding(seededTensor([B, L, 256], 43) as tf.Tensor3D, mask, 0);
const pairs = realPairs(LENGTHS, L);
afterAll(() => {
  params.dispose();
  tf.dispose([mask, tokens, positions, pairs.first, pairs.second]);
});

/** 1 at real rows / real pairs of an output of rank `rank`, broadcastable against it; fft2 and distanceLogits are all real. */
function realWeight(key: DecoderOutputName, rank: number): tf.Tensor {
  let weight: tf.Tensor = tf.scalar(1);
  if (PAIRWISE.includes(key)) weight = tf.mul(tf.expandDims(mask, 2), tf.expandDims(mask, 1));
  else if (key !== 'fft2' && key !== 'distanceLogits') weight = mask;
  while (weight.rank < rank) weight = tf.expandDims(weight, -1);
  return weight;
}

/** The output with padding rows / pairs zeroed (−0 normalised to 0), as plain numbers. */
function realValues(key: DecoderOutputName, value: tf.Tensor): number[] {
  return tf.tidy(() => Array.from(tf.mul(value, realWeight(key, value.rank)).dataSync(), (v) => v + 0));
}

/** Every real output and the gradient of Σ(real outputs · seeded projection) w.r.t. every parameter. */
interface Evaluation {
  readonly outputs: Record<string, number[]>;
  readonly grads: Record<string, number[]>;
}

function evaluate(configs: DecoderConfigs, context: DecoderContext, input: tf.Tensor3D): Evaluation {
  const outputs: Record<string, number[]> = {};
  const { value, grads } = tf.variableGrads(() => {
    const decoded: DecoderOutputs = decode(params, configs, input, context);
    const terms = Object.entries(decoded).map(([key, out], k) => {
      const tensor = out as tf.Tensor;
      outputs[key] = realValues(key as DecoderOutputName, tensor);
      const projected = tf.mul(tensor, seededTensor(tensor.shape, 100 + k));
      return tf.sum(tf.mul(projected, realWeight(key as DecoderOutputName, tensor.rank)));
    });
    return tf.addN(terms) as tf.Scalar;
  }, params.all());
  const gradValues = Object.fromEntries(
    Object.entries(grads).map(([name, g]) => [name, Array.from(g.dataSync(), (v) => v + 0)]),
  );
  tf.dispose([value, ...Object.values(grads)]);
  return { outputs, grads: gradValues };
}

describe('padding never reaches a real output or a gradient', () => {
  for (const [label, dropout, training] of [
    ['eval', 0, false],
    ['training with dropout 0.2', 0.2, true],
  ] as const) {
    test(`${label}: noise in padding rows of tokens and positions changes nothing real`, () => {
      const configs = configsWithDropout(dropout);
      const run = (seed: number): Evaluation => {
        const [noisyPositions, noisyTokens] = [
          withNoisyPadding(positions, mask, seed),
          withNoisyPadding(tokens, mask, seed + 1),
        ];
        const before = tf.memory().numTensors;
        const result = evaluate(configs, testContext(mask, noisyPositions, { training, pairs }), noisyTokens);
        expect(tf.memory().numTensors).toBe(before);
        tf.dispose([noisyPositions, noisyTokens]);
        return result;
      };
      const [a, b] = [run(1), run(2)];
      expect(Object.keys(a.outputs).sort()).toEqual(Object.values(OUTPUTS_OF).flat().sort());
      expect(a.outputs).toEqual(b.outputs);
      expect(Object.keys(a.grads).length).toBe(params.names().length);
      expect(a.grads).toEqual(b.grads);
    });
  }
});

describe('dropout', () => {
  const logits = (configs: DecoderConfigs, context: Partial<DecoderContext>): number[] =>
    tf.tidy(() =>
      Array.from(
        decode(params, configs, tokens, testContext(mask, positions, context)).aminoAcidLogits?.dataSync() ?? [],
      ),
    );

  test('masks are drawn from (seed, step, site): reproducible, fresh each step, off outside training', () => {
    const noisy = configsWithDropout(0.3);
    const plain = logits(configsWithDropout(0), {});
    expect(logits(noisy, { training: true, step: 4 })).toEqual(logits(noisy, { training: true, step: 4 }));
    expect(logits(noisy, { training: true, step: 4 })).not.toEqual(logits(noisy, { training: true, step: 5 }));
    expect(logits(noisy, { training: true, step: 4, seed: 1 })).not.toEqual(
      logits(noisy, { training: true, step: 4, seed: 2 }),
    );
    expect(logits(noisy, { training: true, step: 4, rank: 1 })).not.toEqual(logits(noisy, { training: true, step: 4 }));
    expect(logits(noisy, { training: true, step: 4 })).not.toEqual(plain);
    expect(logits(noisy, { training: false, step: 4 })).toEqual(plain);
  });
});

describe('enabled flags', () => {
  for (const name of DECODER_NAMES) {
    test(`disabling ${name} removes its parameters and its outputs`, () => {
      const base = configsWithDropout(0);
      const configs = { ...base, [name]: { ...base[name], enabled: false } } as DecoderConfigs;
      const specs = decoderSpecs(configs, D);
      expect(specs.some((spec) => spec.name.startsWith(decoderPrefix(name)))).toBe(false);
      const outputs = tf.tidy(() => {
        const decoded = decode(params, configs, tokens, testContext(mask, positions, { pairs }));
        const keys = Object.keys(decoded);
        disposeDecoderOutputs(decoded);
        return keys;
      });
      for (const key of OUTPUTS_OF[name]) expect(outputs).not.toContain(key);
      expect(outputs.length).toBe(Object.values(OUTPUTS_OF).flat().length - OUTPUTS_OF[name].length);
    });
  }

  test('with every decoder disabled there are no parameters and no outputs', () => {
    const off = Object.fromEntries(
      DECODER_NAMES.map((n) => [n, { ...configsWithDropout(0)[n], enabled: false }]),
    ) as unknown as DecoderConfigs;
    expect(decoderSpecs(off, D)).toEqual([]);
    expect(decode(params, off, tokens, testContext(mask, positions))).toEqual({});
  });
});
