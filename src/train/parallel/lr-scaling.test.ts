import { describe, expect, test } from 'vitest';
import { defaultRunConfig } from '../../config/run-config-values';
import type { LrScalingMode, RunConfig } from '../../protocol/run-config';
import { lrScaleFactor, scaledLearningRates } from './lr-scaling';

const withMode = (mode: LrScalingMode): RunConfig => {
  const config = defaultRunConfig();
  return { ...config, training: { ...config.training, lrScaling: mode } };
};

/** The four learning-rate keys, in a fixed order: learningRate, muonLr, adamwLr, lrMin. */
const rates = (c: RunConfig): number[] => [
  c.training.learningRate,
  c.optimizer.muonLr,
  c.optimizer.adamwLr,
  c.schedule.lrMin,
];

describe('lrScaleFactor', () => {
  test('none ×1, linear ×N, sqrt ×√N; one trainer ×1 in every mode', () => {
    expect(lrScaleFactor('none', 4)).toBe(1);
    expect(lrScaleFactor('linear', 4)).toBe(4);
    expect(lrScaleFactor('sqrt', 4)).toBe(2);
    expect(lrScaleFactor('sqrt', 2)).toBeCloseTo(1.4142135623730951, 15);
    for (const mode of ['none', 'linear', 'sqrt'] as const) expect(lrScaleFactor(mode, 1), mode).toBe(1);
  });

  test('refuses a trainer count that is not a whole number ≥ 1', () => {
    for (const bad of [0, -1, 2.5, Number.NaN]) expect(() => lrScaleFactor('linear', bad)).toThrow(RangeError);
  });
});

describe('scaledLearningRates', () => {
  // Defaults: learningRate 1e-4, muonLr 0.02, adamwLr 3e-4, lrMin 1e-6.
  test('linear with 4 trainers multiplies every base LR and the floor by 4', () => {
    const scaled = scaledLearningRates(withMode('linear'), 4);
    const expected = [4e-4, 0.08, 1.2e-3, 4e-6];
    rates(scaled).forEach((value, i) => expect(value).toBeCloseTo(expected[i] ?? NaN, 15));
  });

  test('sqrt with 4 trainers multiplies by 2', () => {
    expect(rates(scaledLearningRates(withMode('sqrt'), 4))).toStrictEqual([2e-4, 0.04, 6e-4, 2e-6]);
  });

  test('none, or one trainer, returns the config unchanged', () => {
    const none = withMode('none');
    expect(scaledLearningRates(none, 4)).toBe(none);
    const linear = withMode('linear');
    expect(scaledLearningRates(linear, 1)).toBe(linear);
  });

  test('touches nothing but the learning rates and leaves the input as it was', () => {
    const config = withMode('linear');
    const before = structuredClone(config);
    const scaled = scaledLearningRates(config, 3);
    expect(config).toStrictEqual(before);
    const strip = (c: RunConfig) => ({
      ...c,
      training: { ...c.training, learningRate: 0 },
      optimizer: { ...c.optimizer, muonLr: 0, adamwLr: 0 },
      schedule: { ...c.schedule, lrMin: 0 },
    });
    expect(strip(scaled)).toStrictEqual(strip(config));
  });
});
