import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { PaddedBatch } from '../../protocol/padded-batch';
import type { DecoderConfigs } from '../model-config';
import { disposeModelInputs, toModelInputs, type ModelInputs } from '../model-inputs';
import { ParameterSet } from '../params/parameter-set';
import { MODEL_PRESETS } from '../presets';
import { sampleBatch } from '../testing/sample-batch.node';
import { CONTACT_PROBABILITY_FLOOR } from './contact-heads';
import { realPairs, seededTensor, testContext } from './decoder-test-helpers.node';
import type { DecoderOutputs } from './decoder-types';
import { FFT2_WIDTH } from './fft2-decoder-specs';
import { decode, disposeDecoderOutputs } from './registry';
import { decoderSpecs } from './decoder-specs';

const TINY = MODEL_PRESETS.tiny;
const D = TINY.quantizer.embeddingDim;
const F32_PI = Math.fround(Math.PI);

let batch: PaddedBatch;
let inputs: ModelInputs;
let params: ParameterSet;
beforeAll(async () => {
  batch = await sampleBatch({ proteins: 3, offset: 9, maxLength: 48 });
  inputs = toModelInputs(batch);
  params = new ParameterSet(decoderSpecs({ ...TINY.decoders, fft2: { enabled: true, hidden: 16 } }, D), 3);
  return () => {
    disposeModelInputs(inputs);
    params.dispose();
  };
});

/** Decodes seeded tokens; every intermediate is freed, the outputs are kept for the caller to dispose. */
function run(configs: DecoderConfigs = TINY.decoders): DecoderOutputs {
  let outputs: DecoderOutputs = {};
  tf.tidy(() => {
    const tokens = seededTensor([inputs.batchSize, inputs.length, D], 5) as tf.Tensor3D;
    const pairs = realPairs(Array.from(batch.lengths), inputs.length);
    outputs = decode(params, configs, tokens, testContext(inputs.mask, inputs.positions, { pairs }));
    for (const value of Object.values(outputs)) tf.keep(value as tf.Tensor);
  });
  return outputs;
}

describe('decoder outputs on a real sample batch (tiny preset)', () => {
  test('shapes follow [B, L, …] / [B, L, L, …] / [pairs, …], and nothing leaks', () => {
    const [B, L] = [inputs.batchSize, inputs.length];
    expect(Array.from(batch.lengths)).toEqual([48, 43, 42]);
    const before = tf.memory().numTensors;
    const outputs = run();
    expect(outputs.aminoAcidLogits?.shape).toEqual([B, L, 20]);
    expect(outputs.ssLogits?.shape).toEqual([B, L, 3]);
    expect(outputs.angleVectors?.shape).toEqual([B, L, 6]);
    expect(outputs.angles?.shape).toEqual([B, L, 3]);
    expect(outputs.contactProbability?.shape).toEqual([B, L, L]);
    // One row per ordered pair of real residues (realPairs): Σ n(n − 1).
    expect(outputs.distanceLogits?.shape).toEqual([48 * 47 + 43 * 42 + 42 * 41, 8]);
    expect(outputs.fft2).toBeUndefined();
    for (const value of Object.values(outputs) as tf.Tensor[])
      expect(value.dataSync().every(Number.isFinite)).toBe(true);
    expect(tf.memory().numTensors).toBe(before + 6);
    disposeDecoderOutputs(outputs);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('contact probabilities lie in [1e-6, 1 − 1e-6] and the clamp holds at extreme τ and b', () => {
    const floor = Math.fround(CONTACT_PROBABILITY_FLOOR);
    const ceiling = Math.fround(1 - CONTACT_PROBABILITY_FLOOR);
    const check = (expectFloor: boolean, expectCeiling: boolean): void => {
      const outputs = run();
      const p = outputs.contactProbability?.dataSync() ?? new Float32Array();
      expect(p.length).toBe(inputs.batchSize * inputs.length * inputs.length);
      expect(Math.min(...p)).toBeGreaterThanOrEqual(floor);
      expect(Math.max(...p)).toBeLessThanOrEqual(ceiling);
      if (expectFloor) expect(Math.min(...p)).toBe(floor);
      if (expectCeiling) expect(Math.max(...p)).toBe(ceiling);
      disposeDecoderOutputs(outputs);
    };
    check(false, false);
    const temperature = params.get('decoder.contacts.head.temperature');
    const bias = params.get('decoder.contacts.head.bias');
    for (const [t, b, low, high] of [
      [1, -100, true, false],
      [1, 100, false, true],
    ] as const) {
      temperature.assign(tf.tensor1d([t]));
      bias.assign(tf.tensor1d([b]));
      check(low, high);
    }
    temperature.assign(tf.ones([1]));
    bias.assign(tf.zeros([1]));
  });

  test('angle vectors are unit (sin, cos) pairs and angles = atan2 of them, in (−π, π]', () => {
    const outputs = run();
    const vectors = outputs.angleVectors?.dataSync() ?? new Float32Array();
    const angles = outputs.angles?.dataSync() ?? new Float32Array();
    expect(vectors.length).toBe(2 * angles.length);
    let worstNorm = 0;
    let worstAtan = 0;
    for (let k = 0; k < angles.length; k++) {
      const [s, c, a] = [vectors[2 * k] ?? NaN, vectors[2 * k + 1] ?? NaN, angles[k] ?? NaN];
      worstNorm = Math.max(worstNorm, Math.abs(Math.hypot(s, c) - 1));
      worstAtan = Math.max(worstAtan, Math.abs(Math.sin(a) - s), Math.abs(Math.cos(a) - c));
      expect(a).toBeGreaterThan(-F32_PI);
      expect(a).toBeLessThanOrEqual(F32_PI);
    }
    console.info(
      `angle pairs: max |norm − 1| ${worstNorm.toExponential(2)}, max |(sin a, cos a) − pair| ${worstAtan.toExponential(2)}`,
    );
    expect(worstNorm).toBeLessThan(1e-5);
    expect(worstAtan).toBeLessThan(1e-5);
    disposeDecoderOutputs(outputs);
  });

  test('the optional fft2 decoder gives one [2600] row per protein from its real tokens', () => {
    const outputs = run({ ...TINY.decoders, fft2: { enabled: true, hidden: 16 } });
    expect(outputs.fft2?.shape).toEqual([inputs.batchSize, FFT2_WIDTH]);
    const rows = outputs.fft2?.arraySync() ?? [];
    expect(rows[0]).not.toEqual(rows[1]);
    disposeDecoderOutputs(outputs);
  });
});
