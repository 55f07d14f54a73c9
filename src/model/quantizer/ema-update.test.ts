import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import type { QuantizerConfig } from '../model-config';
import { addEmaStatistics, emaStatistics } from './ema-statistics';
import {
  applyEma,
  assignCodebook,
  codebookFromEma,
  EMA_STATE_NAMES,
  emaStateFromArrays,
  emaStateToArrays,
  initialEmaState,
} from './ema-update';
import { HAND_REAL_Z, handInputs } from './hand-example.node';
import { quantize } from './quantize';

const CONFIG: QuantizerConfig = {
  codes: 3,
  embeddingDim: 2,
  ema: true,
  decay: 0.99,
  epsilon: 1e-5,
  deadCodeReset: false,
  deadCodeThreshold: 0.01,
};
const INITIAL = Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
const FIRST = { counts: Float32Array.from([2, 1, 0]), sums: Float32Array.from([0.4, 0.6, 0.9, 0.1, 0, 0]) };
const SECOND = { counts: Float32Array.from([1, 1, 1]), sums: Float32Array.from([0.2, 0.2, 0.3, 0.3, 0.4, 0.4]) };

function expectClose(actual: ArrayLike<number>, expected: readonly number[], relative = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, k) =>
    expect(Math.abs((actual[k] ?? NaN) - e)).toBeLessThanOrEqual(relative * Math.max(Math.abs(e), 1e-3)),
  );
}

describe('applyEma (decay 0.99, ε 1e-5, K = 3)', () => {
  test('starts from cluster sizes 0 and ema_w = the initial codebook', () => {
    const state = initialEmaState(INITIAL, 3, 2);
    expect(Array.from(state.clusterSize)).toEqual([0, 0, 0]);
    expect(state.emaW).toEqual(INITIAL);
    expect(state.emaW).not.toBe(INITIAL);
  });

  test('one update: sizes 0.01·counts, ema_w = 0.99·e + 0.01·sums, codebook = ema_w / smoothed sizes', () => {
    const { state, codebook } = applyEma(initialEmaState(INITIAL, 3, 2), FIRST, CONFIG);
    expectClose(state.clusterSize, [0.02, 0.01, 0]);
    expectClose(state.emaW, [0.103, 0.204, 0.306, 0.397, 0.495, 0.594]);
    // n = 0.03, n + Kε = 0.03003; smoothed_k = (c_k + 1e-5)·0.03/0.03003 → 0.0199900…, 0.01 (exactly), 9.99001e-6.
    const s = [(0.02001 * 0.03) / 0.03003, (0.01001 * 0.03) / 0.03003, (0.00001 * 0.03) / 0.03003];
    expect(s[1]).toBeCloseTo(0.01, 12);
    // NumPy (float64) gives 5.1525737131, 10.205097451, 30.6, 39.7, 49549.5, 59459.4.
    expectClose(codebook, [0.103 / s[0]!, 0.204 / s[0]!, 30.6, 39.7, 0.495 / s[2]!, 0.594 / s[2]!]);
    expectClose(codebook, [5.1525737131, 10.205097451, 30.6, 39.7, 49549.5, 59459.4]);
  });

  test('two updates: the second decays the RAW sizes (REF wrote the smoothed ones back; not reproduced)', () => {
    const first = applyEma(initialEmaState(INITIAL, 3, 2), FIRST, CONFIG);
    const { state, codebook } = applyEma(first.state, SECOND, CONFIG);
    // 0.99·(0.02, 0.01, 0) + 0.01·(1, 1, 1).
    expectClose(state.clusterSize, [0.0298, 0.0199, 0.01], 1e-6);
    // REF's write-back would give 0.99·smoothed + 0.01 = (0.02979011, 0.0199, 0.01000989): different beyond 1e-6.
    expect(Math.abs((state.clusterSize[0] ?? NaN) - 0.02979011)).toBeGreaterThan(5e-6);
    expect(Math.abs((state.clusterSize[2] ?? NaN) - 0.01000989)).toBeGreaterThan(5e-6);
    expectClose(state.emaW, [0.10397, 0.20396, 0.30594, 0.39603, 0.49405, 0.59206]);
    // n = 0.0597, n + Kε = 0.05973; code 1 holds exactly n/3, so its smoothed size stays 0.0199.
    const s = [0.02981, 0.01991, 0.01001].map((c) => (c * 0.0597) / 0.05973);
    expectClose(codebook, [
      0.10397 / s[0]!,
      0.20396 / s[0]!,
      0.30594 / 0.0199,
      0.39603 / 0.0199,
      0.49405 / s[2]!,
      0.59206 / s[2]!,
    ]);
    // NumPy: 3.4895084277, 6.8454375197, 15.3738693467, 19.9010050251, 49.380446187, 59.1765751836 (the REF bug
    // gives 3.4906665316 and 49.3317053292 for the first and fifth entries).
    expectClose(codebook, [3.4895084277, 6.8454375197, 15.3738693467, 19.9010050251, 49.380446187, 59.1765751836]);
  });

  test('does not mutate its input state; n = 0 leaves the codebook at ema_w instead of 0/0', () => {
    const start = initialEmaState(INITIAL, 3, 2);
    const empty = applyEma(start, { counts: new Float32Array(3), sums: new Float32Array(6) }, CONFIG);
    expect(Array.from(start.clusterSize)).toEqual([0, 0, 0]);
    expect(start.emaW).toEqual(INITIAL);
    expectClose(
      empty.codebook,
      Array.from(INITIAL, (v) => 0.99 * v),
    );
    expect(() => applyEma(start, { counts: new Float32Array(2), sums: new Float32Array(6) }, CONFIG)).toThrow(/3×2/);
  });
});

describe('EMA statistics from quantize', () => {
  test('counts and sums of the hand example; padding adds nothing; statistics add element-wise', async () => {
    const run = async (padding: readonly [number, number]) => {
      const { codebook, z, mask } = handInputs(padding);
      const r = quantize(codebook, z, mask, 0.25);
      const stats = await emaStatistics(z, r.codes, mask, 3);
      tf.dispose([codebook, z, mask, r.quantized, r.codes, r.loss, r.qLatent, r.eLatent, r.counts]);
      return stats;
    };
    const before = tf.memory().numTensors;
    const stats = await run([4, 4]);
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(stats.counts)).toEqual([1, 2, 0]);
    const [z0, z1, z2] = HAND_REAL_Z as [number[], number[], number[]];
    expectClose(stats.sums, [z0[0]!, z0[1]!, z1[0]! + z2[0]!, z1[1]! + z2[1]!, 0, 0]);
    expect(await run([NaN, -1e9])).toEqual(stats);
    const total = addEmaStatistics([stats, FIRST]);
    expectClose(total.counts, [3, 3, 0]);
    expectClose(total.sums, [0.6, 0.7, 2.6, 0.5, 0, 0]);
  });
});

describe('EMA state serialisation and codebook assignment', () => {
  test('round-trips through named arrays and rejects wrong shapes', () => {
    const { state } = applyEma(initialEmaState(INITIAL, 3, 2), FIRST, CONFIG);
    const arrays = emaStateToArrays(state);
    expect(arrays[EMA_STATE_NAMES.clusterSize]?.shape).toEqual([3]);
    expect(arrays[EMA_STATE_NAMES.emaW]?.shape).toEqual([3, 2]);
    // Through plain JSON numbers, as a checkpoint stores them.
    const stored = JSON.parse(
      JSON.stringify(Object.entries(arrays).map(([name, a]) => [name, a.shape, Array.from(a.data)])),
    ) as [string, number[], number[]][];
    const back = emaStateFromArrays(
      Object.fromEntries(stored.map(([name, shape, data]) => [name, { shape, data: Float32Array.from(data) }])),
    );
    expect(back).toEqual(state);
    expect(codebookFromEma(back, CONFIG.epsilon)).toEqual(
      applyEma(initialEmaState(INITIAL, 3, 2), FIRST, CONFIG).codebook,
    );
    expect(() => emaStateFromArrays({ [EMA_STATE_NAMES.emaW]: { shape: [3, 2], data: new Float32Array(6) } })).toThrow(
      /clusterSize/,
    );
    expect(() =>
      emaStateFromArrays({ ...arrays, [EMA_STATE_NAMES.clusterSize]: { shape: [2], data: new Float32Array(2) } }),
    ).toThrow(/\[3\]/);
  });

  test('assignCodebook writes the values into the variable without leaking', () => {
    const variable = tf.variable(tf.zeros([3, 2]));
    const before = tf.memory().numTensors;
    assignCodebook(variable, INITIAL);
    expect(tf.memory().numTensors).toBe(before);
    expect(variable.dataSync()).toEqual(INITIAL);
    variable.dispose();
  });
});
