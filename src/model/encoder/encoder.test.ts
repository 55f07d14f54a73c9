import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EncoderConfig } from '../model-config';
import { disposeModelInputs, toModelInputs, type ModelInputs } from '../model-inputs';
import { ParameterSet } from '../params/parameter-set';
import { parameterCount } from '../params/parameter-spec';
import { MODEL_PRESETS } from '../presets';
import { sampleBatch } from '../testing/sample-batch.node';
import { encode } from './encoder';
import { encoderSpecs } from './encoder-specs';
import { randomValues, takeValues } from './gradient-check.node';
import { shortenProteins } from '../testing/shorten-proteins.node';

const TINY: EncoderConfig = MODEL_PRESETS.tiny.encoder;
const D = MODEL_PRESETS.tiny.quantizer.embeddingDim;
/** The sample's proteins are all longer than 48; shortening two of them gives the batch real padding. */
const LENGTHS = [48, 33, 20];
const EVAL = { training: false, seed: 5, step: 0 };

let inputs: ModelInputs;
let F: number;
let params: ParameterSet;
beforeAll(async () => {
  inputs = toModelInputs(shortenProteins(await sampleBatch({ proteins: 3, maxLength: 48 }), LENGTHS));
  F = inputs.res.shape[2];
  params = new ParameterSet(encoderSpecs(TINY, F, D), 1);
});
afterAll(() => {
  disposeModelInputs(inputs);
  params.dispose();
});

/** Random values (scale 3) in the rows of padding residues, and in every pair that is not a contact. */
function perturbPadding(clean: ModelInputs, salt: number): ModelInputs {
  return tf.tidy(() => {
    const [B, L] = [clean.batchSize, clean.length];
    const padding = tf.expandDims(tf.sub(1, clean.mask), 2);
    const noise = (t: tf.Tensor3D, k: number): tf.Tensor3D =>
      tf.add(t, tf.mul(tf.tensor3d(randomValues(t.size, salt + k, 3), t.shape), padding)) as tf.Tensor3D;
    const offGraph = tf.sub(1, clean.neighbours);
    const edgeFeature = tf.add(
      clean.edgeFeature,
      tf.mul(tf.tensor3d(randomValues(B * L * L, salt + 9, 3), [B, L, L]), offGraph),
    ) as tf.Tensor3D;
    return {
      ...clean,
      res: noise(clean.res, 1),
      positions: noise(clean.positions, 2),
      fourier: noise(clean.fourier, 3),
      aminoAcids: noise(clean.aminoAcids, 4),
      mask: tf.clone(clean.mask),
      neighbours: tf.clone(clean.neighbours),
      edgeFeature,
    };
  });
}

/** z and the gradient of sum(z) with respect to every parameter, as plain numbers. */
function zAndGradients(p: ParameterSet, config: EncoderConfig, input: ModelInputs, options: typeof EVAL): number[][] {
  const { value, grads } = tf.variableGrads(() => tf.sum(encode(p, config, input, options)), p.all());
  value.dispose();
  return [
    takeValues(tf.tidy(() => encode(p, config, input, options))),
    ...p.names().map((n) => takeValues(grads[n] ?? tf.zeros([1]))),
  ];
}

describe('encode (mk1_Encoder) on a real sample batch, tiny preset', () => {
  test('parameters: names by part and the hand-counted total', () => {
    const specs = encoderSpecs(TINY, F, D);
    expect(specs.every((s) => /^encoder\.(input|body|head)\./.test(s.name))).toBe(true);
    expect(specs.map((s) => s.name)).toContain('encoder.body.layer1.attention.edge.weight');
    // F = 41, h = 16, 2 layers, 2 heads, head 16, D = 8:
    // input LN 82 + MLP (41+256)·32+32 + 32·16+16 = 10064; Fourier LN 320 + 160·32+32 + 32·16+16 = 5680;
    // per layer: q, k, v 3·(16·32+32) = 1632, edge 32, skip 16·16+16 = 272, norm 48 → 1984, two layers 3968;
    // head MLP 32·16+16 + 16·16+16 = 800; out (16+20)·16+16 + 272 + 16·8+8 = 1000.
    expect(F).toBe(41);
    expect(parameterCount(specs)).toBe(82 + 10064 + 320 + 5680 + 3968 + 800 + 1000);
  });

  test('z is [B, L, D], inside (−1, 1), exactly 0 in padding rows; no tensor leak', () => {
    const before = tf.memory().numTensors;
    const z = tf.tidy(() => encode(params, TINY, inputs, EVAL));
    expect(z.shape).toEqual([3, 48, D]);
    const values = z.arraySync();
    z.dispose();
    expect(tf.memory().numTensors).toBe(before);
    let nonZero = 0;
    values.forEach((protein, b) =>
      protein.forEach((row, i) => {
        if (i >= (LENGTHS[b] ?? 0)) expect(row.every((v) => v === 0)).toBe(true);
        else {
          expect(row.every((v) => Number.isFinite(v) && Math.abs(v) < 1)).toBe(true);
          nonZero += row.filter((v) => v !== 0).length;
        }
      }),
    );
    expect(nonZero).toBe((48 + 33 + 20) * D);
  });

  test('padding features and non-contact pair features change neither z nor any parameter gradient of sum(z)', () => {
    const noisy = perturbPadding(inputs, 100);
    const before = tf.memory().numTensors;
    const clean = zAndGradients(params, TINY, inputs, EVAL);
    expect(zAndGradients(params, TINY, noisy, EVAL)).toEqual(clean);
    expect(tf.memory().numTensors).toBe(before);
    // Every gradient is non-trivial, so the comparison is not vacuous — except the attention key biases, whose
    // exact gradient is zero (softmax ignores a per-row shift) and which the layer keeps out of the scores.
    params.names().forEach((name, k) => {
      const g = clean[k + 1] ?? [];
      if (name.endsWith('.attention.key.bias'))
        expect(
          g.every((v) => v === 0),
          name,
        ).toBe(true);
      else
        expect(
          g.some((v) => v !== 0),
          name,
        ).toBe(true);
    });
    disposeModelInputs(noisy);
  });

  test('with dropout in training mode too: exact masks, reproducible per (seed, step), different across steps', () => {
    const config: EncoderConfig = { ...TINY, dropout: 0.2 };
    const train = { training: true, seed: 5, step: 7 };
    const noisy = perturbPadding(inputs, 200);
    const clean = zAndGradients(params, config, inputs, train);
    expect(zAndGradients(params, config, noisy, train)).toEqual(clean);
    expect(zAndGradients(params, config, inputs, train)[0]).toEqual(clean[0]);
    expect(zAndGradients(params, config, inputs, { ...train, step: 8 })[0]).not.toEqual(clean[0]);
    expect(zAndGradients(params, config, inputs, EVAL)[0]).not.toEqual(clean[0]);
    disposeModelInputs(noisy);
  });

  test("a protein's encoding does not depend on its batch mates", async () => {
    // Protein 1 alone (same crop: the window depends on seed, epoch and id only) against protein 1 inside the batch;
    // the values agree to rounding (matMul blocking may differ with the batch shape).
    const alone = toModelInputs(
      shortenProteins(await sampleBatch({ proteins: 1, offset: 1, maxLength: 48 }), [LENGTHS[1] ?? 0]),
    );
    const single = takeValues(tf.tidy(() => encode(params, TINY, alone, EVAL)));
    const batched = takeValues(
      tf.tidy(() => tf.slice(encode(params, TINY, inputs, EVAL), [1, 0, 0], [1, alone.length, D])),
    );
    disposeModelInputs(alone);
    expect(single).toHaveLength(48 * D);
    const worst = Math.max(...single.map((v, k) => Math.abs(v - (batched[k] ?? NaN))));
    expect(worst).toBeLessThan(1e-5);
  });
});
