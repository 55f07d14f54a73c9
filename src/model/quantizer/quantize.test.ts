import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { codebookStatistics } from './codebook-statistics';
import { HAND_BETA, HAND_CODEBOOK, handInputs } from './hand-example.node';
import { PADDING_CODE, quantize } from './quantize';

function run(padding?: readonly [number, number], beta = HAND_BETA) {
  return tf.tidy(() => {
    const { codebook, z, mask } = handInputs(padding);
    const r = quantize(codebook, z, mask, beta);
    return {
      quantized: r.quantized.arraySync(),
      codes: r.codes.arraySync(),
      codesDtype: r.codes.dtype,
      loss: r.loss.dataSync()[0] ?? NaN,
      qLatent: r.qLatent.dataSync()[0] ?? NaN,
      eLatent: r.eLatent.dataSync()[0] ?? NaN,
      counts: Array.from(r.counts.dataSync()),
    };
  });
}

describe('quantize on the hand-made 2-D example', () => {
  test('nearest codes, quantized values and counts', () => {
    const r = run();
    expect(r.codesDtype).toBe('int32');
    expect(r.codes).toEqual([[0, 1, 1, PADDING_CODE]]);
    expect(r.counts).toEqual([1, 2, 0]);
    const expected = [HAND_CODEBOOK[0], HAND_CODEBOOK[1], HAND_CODEBOOK[1], [0, 0]];
    r.quantized[0]?.forEach((row, n) => row.forEach((v, d) => expect(v).toBeCloseTo(expected[n]?.[d] ?? NaN, 6)));
  });

  test('loss = q_latent + β·e_latent with means over real residues only', () => {
    // (q − z)² summed: (0.04 + 0.01) + (0.01 + 0.09) + (0.04 + 0.01) = 0.20 over N·D = 3·2 = 6 real elements.
    const r = run();
    expect(r.qLatent).toBeCloseTo(0.2 / 6, 6);
    expect(r.eLatent).toBeCloseTo(0.2 / 6, 6);
    expect(r.loss).toBeCloseTo((0.2 / 6) * (1 + HAND_BETA), 6);
    expect(run(undefined, 0.9).loss).toBeCloseTo((0.2 / 6) * 1.9, 6);
    expect(run(undefined, 0).loss).toBeCloseTo(0.2 / 6, 6);
  });

  test('perplexity of the batch usage: counts (1, 2, 0) give exp(H) = 3 / 2^(2/3)', () => {
    const stats = codebookStatistics(run().counts);
    // H = (1/3)·ln 3 + (2/3)·ln(3/2), so exp(H) = 3^(1/3)·(3/2)^(2/3) = 3 / 2^(2/3) ≈ 1.88988.
    expect(stats.perplexity).toBeCloseTo(3 / 2 ** (2 / 3), 10);
    expect(stats.usage).toEqual([1 / 3, 2 / 3, 0]);
  });

  test('padding values change no code, count, loss or quantized value (even NaN and huge values)', () => {
    const reference = run([0, 0]);
    for (const padding of [
      [5, -7],
      [0.9, 0.3],
      [1e6, -1e6],
      [NaN, Infinity],
    ] as const) {
      expect(run(padding)).toEqual(reference);
    }
  });

  test('rejects mismatched shapes and a negative commitment cost; leaks no tensor', () => {
    const { codebook, z, mask } = handInputs();
    const shortMask = tf.ones([1, 3]) as tf.Tensor2D;
    const wideCodebook = tf.ones([3, 4]) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    expect(() => quantize(codebook, z, shortMask, 0.25)).toThrow(/mask/);
    expect(() => quantize(wideCodebook, z, mask, 0.25)).toThrow(/width/);
    expect(() => quantize(codebook, z, mask, -1)).toThrow(RangeError);
    const r = quantize(codebook, z, mask, 0.25);
    expect(tf.memory().numTensors).toBe(before + 6);
    tf.dispose([r.quantized, r.codes, r.loss, r.qLatent, r.eLatent, r.counts]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([codebook, z, mask, shortMask, wideCodebook]);
  });
});
