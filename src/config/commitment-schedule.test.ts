import { describe, expect, test } from 'vitest';
import {
  commitmentCost,
  isCommitmentSchedule,
  type CommitmentScheduleConfig,
  type CommitmentScheduleName,
} from './commitment-schedule';

const T = 1000;
const base = { start: 0.1, end: 0.9, warmupSteps: T };
const beta = (schedule: CommitmentScheduleName, step: number, extra: Partial<CommitmentScheduleConfig> = {}): number =>
  commitmentCost(step, { ...base, schedule, ...extra });

describe('commitment schedules (start 0.1, end 0.9, T = 1000)', () => {
  test.each([
    // schedule, β(0), β(T/2), β(T), β(2T)
    ['none', 0.9, 0.9, 0.9, 0.9],
    ['linear', 0.1, 0.5, 0.9, 0.9],
    ['cosine', 0.1, 0.5, 0.9, 0.9],
    // P = ⌊T/5⌋ = 200: T/2 = 500 is 100 into its period, half-way down the cosine.
    ['cosine_with_restart', 0.1, 0.5, 0.9, 0.9],
  ] as const)('%s: β at 0, T/2, T, 2T', (schedule, b0, bHalf, bT, b2T) => {
    expect(beta(schedule, 0)).toBeCloseTo(b0, 12);
    expect(beta(schedule, T / 2)).toBeCloseTo(bHalf, 12);
    expect(beta(schedule, T)).toBeCloseTo(bT, 12);
    expect(beta(schedule, 2 * T)).toBeCloseTo(b2T, 12);
  });

  test('linear and cosine between the hand points: t = 250', () => {
    expect(beta('linear', 250)).toBeCloseTo(0.3, 12);
    // 0.9 − 0.8·½(1 + cos π/4) = 0.9 − 0.4·(1 + √2/2).
    expect(beta('cosine', 250)).toBeCloseTo(0.9 - 0.4 * (1 + Math.SQRT2 / 2), 12);
    expect(beta('cosine', 250)).toBeCloseTo(0.2171572875, 9);
  });

  test('cosine_with_restart is a sawtooth of period ⌊T/5⌋ that restarts at start', () => {
    const tooth = [0, 100, 199, 200, 300, 400, 999].map((t) => beta('cosine_with_restart', t));
    const nearEnd = 0.9 - 0.4 * (1 + Math.cos((Math.PI * 199) / 200));
    [0.1, 0.5, nearEnd, 0.1, 0.5, 0.1, nearEnd].forEach((b, k) => expect(tooth[k]).toBeCloseTo(b, 12));
    expect(nearEnd).toBeGreaterThan(0.8999);
  });

  test('the restart interval option, and a count of restarts', () => {
    expect(beta('cosine_with_restart', 150, { restartInterval: 300 })).toBeCloseTo(0.5, 12);
    expect(beta('cosine_with_restart', 300, { restartInterval: 300 })).toBeCloseTo(0.1, 12);
    expect(beta('cosine_with_restart', 250, { restarts: 2 })).toBeCloseTo(0.5, 12);
    expect(beta('cosine_with_restart', 500, { restarts: 2 })).toBeCloseTo(0.1, 12);
    expect(beta('cosine_with_restart', 150, { restarts: 2, restartInterval: 300 })).toBeCloseTo(0.5, 12);
    // FoldTree2 divides by T // 5 = 0 for T < 5 (ZeroDivisionError); the period is at least 1 step here.
    expect(commitmentCost(2, { ...base, warmupSteps: 4, schedule: 'cosine_with_restart' })).toBeCloseTo(0.1, 12);
  });

  test('no warm-up means end at once; bad steps and names are rejected', () => {
    expect(commitmentCost(0, { ...base, warmupSteps: 0, schedule: 'linear' })).toBe(0.9);
    expect(() => beta('linear', -1)).toThrow(RangeError);
    expect(() => beta('linear', 1.5)).toThrow(RangeError);
    expect(isCommitmentSchedule('cosine_with_restart')).toBe(true);
    expect(isCommitmentSchedule('cosine_restarts')).toBe(false);
  });
});
