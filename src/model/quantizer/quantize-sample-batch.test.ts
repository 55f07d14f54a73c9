import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { PaddedBatch } from '../../protocol/padded-batch';
import { ParameterSet } from '../params/parameter-set';
import { MODEL_PRESETS } from '../presets';
import { sampleBatch } from '../testing/sample-batch.node';
import { emaStatistics } from './ema-statistics';
import { PADDING_CODE, quantize } from './quantize';
import { codebookVariable } from './codebook-variable';
import { CODEBOOK_PARAMETER, quantizerSpecs } from './quantizer-specs';

const CONFIG = MODEL_PRESETS.tiny.quantizer;
const [K, D] = [CONFIG.codes, CONFIG.embeddingDim];

let batch: PaddedBatch;
beforeAll(async () => {
  batch = await sampleBatch({ proteins: 3, maxLength: 40 });
});

describe('quantize on a real sample batch', () => {
  test('codebook spec: quantizer.codebook [K, D] drawn from U(−1/K, 1/K)', () => {
    const params = new ParameterSet(quantizerSpecs(CONFIG), 11);
    const codebook = params.get(CODEBOOK_PARAMETER);
    expect(codebook.shape).toEqual([K, D]);
    const values = codebook.dataSync();
    expect(Math.max(...Array.from(values, Math.abs))).toBeLessThanOrEqual(1 / K);
    expect(new Set(values).size).toBe(K * D);
    params.dispose();
  });

  test('shapes, codes, counts and loss agree with a brute-force computation; gradients reach the codebook; no leaks', async () => {
    const params = new ParameterSet(quantizerSpecs(CONFIG), 3);
    const codebook = codebookVariable(params);
    const [B, L] = [batch.batchSize, batch.paddedLength];
    // Mostly near the codebook's scale so several codes are chosen.
    const z = tf.tidy(() => tf.mul(tf.randomNormal([B, L, D], 0, 1, 'float32', 5), 0.1)) as tf.Tensor3D;
    const mask = tf.tensor2d(batch.residueMask, [B, L]);
    const before = tf.memory().numTensors;

    const out = tf.tidy(() => {
      const r = quantize(codebook, z, mask, 0.9);
      const grads = tf.variableGrads(() => quantize(codebook, z, mask, 0.9).loss, [codebook]).grads;
      return {
        shapes: [r.quantized.shape, r.codes.shape, r.counts.shape],
        quantized: r.quantized.dataSync().slice(),
        codes: Array.from(r.codes.dataSync()),
        counts: Array.from(r.counts.dataSync()),
        loss: r.loss.dataSync()[0] ?? NaN,
        qLatent: r.qLatent.dataSync()[0] ?? NaN,
        codebookGrad: grads[codebook.name]?.dataSync().slice() ?? new Float32Array(),
      };
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(out.shapes).toEqual([[B, L, D], [B, L], [K]]);

    // Brute force in float64 from the raw arrays.
    const zValues = z.dataSync();
    const e = codebook.dataSync();
    const realResidues = batch.residueMask.reduce((a, b) => a + b, 0);
    const histogram = new Array<number>(K).fill(0);
    let squared = 0;
    for (let n = 0; n < B * L; n++) {
      if (batch.residueMask[n] !== 1) {
        expect(out.codes[n]).toBe(PADDING_CODE);
        for (let d = 0; d < D; d++) expect(out.quantized[n * D + d]).toBe(0);
        continue;
      }
      const distance = (k: number) =>
        Array.from({ length: D }, (_, d) => ((zValues[n * D + d] ?? 0) - (e[k * D + d] ?? 0)) ** 2).reduce(
          (a, b) => a + b,
          0,
        );
      const best = Array.from({ length: K }, (_, k) => k).reduce((a, k) => (distance(k) < distance(a) ? k : a), 0);
      expect(out.codes[n]).toBe(best);
      histogram[best] = (histogram[best] ?? 0) + 1;
      squared += distance(best);
      for (let d = 0; d < D; d++) expect(out.quantized[n * D + d]).toBeCloseTo(e[best * D + d] ?? NaN, 5);
    }
    expect(out.counts).toEqual(histogram);
    expect(out.counts.reduce((a, b) => a + b, 0)).toBe(realResidues);
    expect(histogram.filter((c) => c > 0).length).toBeGreaterThan(1);
    expect(out.qLatent).toBeCloseTo(squared / (realResidues * D), 6);
    expect(out.loss).toBeCloseTo(1.9 * out.qLatent, 6);
    // Only chosen codes get a gradient.
    for (let k = 0; k < K; k++) {
      const row = Array.from(out.codebookGrad.slice(k * D, (k + 1) * D));
      if ((histogram[k] ?? 0) === 0) expect(row.every((g) => g === 0)).toBe(true);
      else expect(row.some((g) => g !== 0)).toBe(true);
    }

    const codes = tf.tensor2d(out.codes, [B, L], 'int32');
    const stats = await emaStatistics(z, codes, mask, K);
    expect(Array.from(stats.counts)).toEqual(histogram);
    expect(stats.sums).toHaveLength(K * D);
    tf.dispose([z, mask, codes]);
    expect(tf.memory().numTensors).toBe(before - 2);
    params.dispose();
  });
});
