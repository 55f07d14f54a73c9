import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PaddedBatch } from '../protocol/padded-batch';
import { disposeLossGradients, lossAndGradients } from './loss-gradients';
import { DEFAULT_DISTANCE_BIN_EDGES, DEFAULT_LOSS_WEIGHTS } from './losses/loss-config';
import { disposeLossTargets, toLossTargets } from './losses/loss-targets';
import type { ModelConfig } from './model-config';
import { disposeModelInputs, toModelInputs } from './model-inputs';
import type { ParameterSet } from './params/parameter-set';
import { parameterCount } from './params/parameter-spec';
import { MODEL_PRESETS } from './presets';
import { CODEBOOK_PARAMETER } from './quantizer/quantizer-specs';
import { EVERY_HEAD_NODE_TYPES, sampleBatch } from './testing/sample-batch.node';
import { shortenProteins } from './testing/shorten-proteins.node';
import { createModelParameters, forward } from './tokenizer-model';
import { modelSpecs } from './model-specs';

/** The tiny preset with the optional FFT2 head switched on, so every head is exercised. */
const config: ModelConfig = {
  ...MODEL_PRESETS.tiny,
  decoders: { ...MODEL_PRESETS.tiny.decoders, fft2: { enabled: true, hidden: 16 } },
};
const options = {
  training: true,
  seed: 11,
  step: 0,
  rank: 0,
  commitmentCost: 0.25,
  weights: DEFAULT_LOSS_WEIGHTS,
  labelSmoothing: 0,
};
const targetOptions = {
  maskPlddt: true,
  plddtThreshold: 0.3,
  distanceBinEdges: DEFAULT_DISTANCE_BIN_EDGES,
  seed: 11,
  step: 0,
  rank: 0,
};

let batch: PaddedBatch;
let params: ParameterSet;
let trainable: string[];

beforeAll(async () => {
  // Three real proteins cropped to 40 residues, two of them cut shorter so the batch has padding rows.
  batch = shortenProteins(
    await sampleBatch({ proteins: 3, offset: 170, maxLength: 40, nodeTypes: EVERY_HEAD_NODE_TYPES }),
    [40, 27, 15],
  );
  params = createModelParameters(config, 41, 5);
  trainable = params.names().filter((name) => name !== CODEBOOK_PARAMETER);
});
afterAll(() => params.dispose());

describe('tokenizer model on a real sample batch', () => {
  test('every head has its documented shape, and the losses are finite and add up to the total', () => {
    const [B, L, D] = [batch.batchSize, batch.paddedLength, config.quantizer.embeddingDim];
    tf.tidy(() => {
      const inputs = toModelInputs(batch);
      const pairs = { first: tf.tensor1d([0, 1, L + 2], 'int32'), second: tf.tensor1d([1, 0, L + 3], 'int32') };
      const result = forward(params, config, inputs, { ...options, pairs });
      expect(result.z.shape).toEqual([B, L, D]);
      expect(result.quantization.quantized.shape).toEqual([B, L, D]);
      expect(result.quantization.codes.shape).toEqual([B, L]);
      const shapes = Object.fromEntries(Object.entries(result.outputs).map(([name, t]) => [name, t?.shape]));
      expect(shapes).toEqual({
        aminoAcidLogits: [B, L, 20],
        ssLogits: [B, L, 3],
        angleVectors: [B, L, 6],
        angles: [B, L, 3],
        contactProbability: [B, L, L],
        distanceLogits: [3, 8], // one row per scored pair
        fft2: [B, 2600],
      });
      disposeModelInputs(inputs);
    });
    const inputs = toModelInputs(batch);
    const targets = toLossTargets(batch, targetOptions);
    const result = lossAndGradients(params, config, inputs, targets, options, trainable);
    const raw = Object.fromEntries(Object.entries(result.raw).map(([name, t]) => [name, t?.dataSync()[0] ?? NaN]));
    expect(Object.keys(raw).sort()).toEqual(['aminoAcid', 'angles', 'edge', 'fft2', 'logit', 'ss', 'vq']);
    for (const value of Object.values(raw)) expect(Number.isFinite(value) && value >= 0).toBe(true);
    const weightedSum = Object.entries(raw).reduce(
      (sum, [name, value]) => sum + value * DEFAULT_LOSS_WEIGHTS[name as keyof typeof DEFAULT_LOSS_WEIGHTS],
      0,
    );
    expect(result.total.dataSync()[0]).toBeCloseTo(weightedSum, 5);
    // Every trainable parameter gets a gradient, and none is NaN.
    expect([...result.grads.keys()].sort()).toEqual([...trainable].sort());
    for (const [name, grad] of result.grads)
      expect(Number.isFinite(tf.sum(tf.abs(grad)).dataSync()[0] ?? NaN), name).toBe(true);
    disposeLossGradients(result);
    disposeLossTargets(targets);
    disposeModelInputs(inputs);
  });

  test('padding residues change neither the loss nor any gradient', () => {
    const noisy = (feature: { data: Float32Array; cols: number }) => {
      const data = feature.data.slice();
      for (let b = 0; b < batch.batchSize; b++)
        for (let i = batch.lengths[b] ?? 0; i < batch.paddedLength; i++)
          for (let c = 0; c < feature.cols; c++)
            data[(b * batch.paddedLength + i) * feature.cols + c] = Math.sin(7 * b + 3 * i + c) * 40;
      return { data, cols: feature.cols };
    };
    const residueFeatures = Object.fromEntries(
      Object.entries(batch.residueFeatures).map(([type, f]) => [type, f && noisy(f)]),
    );
    const dirty: PaddedBatch = { ...batch, residueFeatures };
    const run = (b: PaddedBatch) => {
      const inputs = toModelInputs(b);
      const targets = toLossTargets(b, targetOptions);
      const result = lossAndGradients(params, config, inputs, targets, options, trainable);
      const values = {
        total: result.total.dataSync()[0],
        grads: Object.fromEntries([...result.grads].map(([n, g]) => [n, Array.from(g.dataSync())])),
      };
      disposeLossGradients(result);
      disposeLossTargets(targets);
      disposeModelInputs(inputs);
      return values;
    };
    expect(run(dirty)).toEqual(run(batch));
  });

  test('five plain gradient steps leave the number of live tensors unchanged', () => {
    const before = tf.memory().numTensors;
    for (let step = 0; step < 5; step++) {
      const inputs = toModelInputs(batch);
      const targets = toLossTargets(batch, { ...targetOptions, step });
      const result = lossAndGradients(params, config, inputs, targets, { ...options, step }, trainable);
      tf.tidy(() => {
        for (const [name, grad] of result.grads) params.get(name).assign(tf.sub(params.get(name), tf.mul(grad, 1e-3)));
      });
      disposeLossGradients(result);
      disposeLossTargets(targets);
      disposeModelInputs(inputs);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  test('parameter counts per preset (the README table)', () => {
    const counts = Object.fromEntries(
      Object.entries(MODEL_PRESETS).map(([name, preset]) => [name, parameterCount(modelSpecs(preset, 41))]),
    );
    console.log(`parameters at input width 41: ${JSON.stringify(counts)}`);
    expect(counts['tiny']).toBeLessThan(counts['teaching'] ?? 0);
    expect(counts['teaching']).toBeLessThan(counts['foldtree2'] ?? 0);
  });
});
