import { describe, expect, test } from 'vitest';
import { commitmentCost } from '../../config/commitment-schedule';
import { COMMITMENT_SCHEDULES } from '../../protocol/run-config';
import { commitmentAt, commitmentCurve, plannedSteps, previewReach, type CommitmentSettings } from './commitment-curve';

const vq = (extra: Partial<CommitmentSettings> = {}): CommitmentSettings => ({
  useCommitmentScheduling: true,
  commitmentSchedule: 'cosine',
  commitmentStart: 0.1,
  commitmentCost: 0.9,
  commitmentWarmupSteps: 40,
  ...extra,
});

describe('commitmentAt matches the trainer’s schedule (src/model) exactly', () => {
  // Warm-ups shorter than, equal to and longer than the 50 steps compared, and one under 5 steps (period 1).
  test.each(COMMITMENT_SCHEDULES.flatMap((schedule) => [3, 37, 50, 64].map((warmup) => [schedule, warmup] as const)))(
    '%s, warm-up %i: steps 0–49',
    (schedule, warmup) => {
      const settings = vq({
        commitmentSchedule: schedule,
        commitmentWarmupSteps: warmup,
        commitmentStart: 0.25,
        commitmentCost: 1.75,
      });
      const model = { schedule, start: 0.25, end: 1.75, warmupSteps: warmup };
      for (let step = 0; step < 50; step++) expect(commitmentAt(settings, step)).toBe(commitmentCost(step, model));
    },
  );

  test('scheduling off: the fixed cost at every step, whatever the shape', () => {
    for (const schedule of COMMITMENT_SCHEDULES) {
      for (let step = 0; step < 50; step++)
        expect(commitmentAt(vq({ useCommitmentScheduling: false, commitmentSchedule: schedule }), step)).toBe(0.9);
    }
  });

  test('hand values (start 0.1, end 0.9, T = 40)', () => {
    expect(commitmentAt(vq({ commitmentSchedule: 'linear' }), 10)).toBeCloseTo(0.3, 12);
    expect(commitmentAt(vq(), 20)).toBeCloseTo(0.5, 12);
    // Period ⌊40/5⌋ = 8: step 4 is half-way down a ramp, step 8 starts the next one.
    expect(commitmentAt(vq({ commitmentSchedule: 'cosine_with_restart' }), 4)).toBeCloseTo(0.5, 12);
    expect(commitmentAt(vq({ commitmentSchedule: 'cosine_with_restart' }), 8)).toBeCloseTo(0.1, 12);
    expect(commitmentAt(vq(), 40)).toBe(0.9);
    expect(commitmentAt(vq({ commitmentWarmupSteps: 0 }), 0)).toBe(0.9);
  });
});

describe('commitmentCurve', () => {
  test('one point per chart step, step s carrying β(s − 1)', () => {
    const curve = commitmentCurve(vq({ commitmentSchedule: 'linear', commitmentWarmupSteps: 4 }), 6);
    expect(curve.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6]);
    const expected = [0.1, 0.3, 0.5, 0.7, 0.9, 0.9];
    curve.forEach((p, k) => expect(p.value).toBeCloseTo(expected[k] as number, 12));
    expect(commitmentCurve(vq(), 0)).toEqual([]);
  });

  test('a long run is thinned, yet keeps both sides of every restart and of the end of the warm-up', () => {
    const settings = vq({ commitmentSchedule: 'cosine_with_restart', commitmentWarmupSteps: 5000 });
    const curve = commitmentCurve(settings, 20_000, 100);
    expect(curve.length).toBeLessThanOrEqual(100 + 2 * 5);
    const steps = curve.map((p) => p.step);
    expect(steps[0]).toBe(1);
    expect(steps.at(-1)).toBe(20_000);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    // Restarts at optimizer steps 1000, 2000, … (chart steps 1001, …): the last point of a ramp is near the end value.
    for (const restart of [1001, 2001, 3001, 4001]) {
      expect(curve.find((p) => p.step === restart)?.value).toBeCloseTo(0.1, 12);
      expect(curve.find((p) => p.step === restart - 1)?.value).toBeGreaterThan(0.899);
    }
    expect(curve.find((p) => p.step === 5001)?.value).toBe(0.9);
  });
});

describe('plannedSteps and previewReach', () => {
  const training = { maxSteps: 0, epochs: 3, batchSize: 4, gradientAccumulationSteps: 2 };
  test('epochs × ⌈⌈⌈proteins / trainers⌉ / batch⌉ / accumulation⌉, capped by maxSteps', () => {
    // 50 proteins, 2 trainers: 25 each → 7 batches → 4 optimizer steps per epoch → 12.
    expect(plannedSteps(training, 50, 2)).toEqual({ steps: 12, exact: false });
    expect(plannedSteps({ ...training, maxSteps: 5 }, 50, 2)).toEqual({ steps: 5, exact: true });
    expect(plannedSteps({ ...training, maxSteps: 500 }, 50, 2)).toEqual({ steps: 12, exact: false });
    expect(plannedSteps({ ...training, maxSteps: 30 }, 0, 1)).toEqual({ steps: 30, exact: false });
  });

  test('the overlay previews a quarter (at least 10 steps) ahead of the latest step', () => {
    expect(previewReach(0, 1000)).toBe(1000);
    expect(previewReach(8, 1000)).toBe(18);
    expect(previewReach(400, 1000)).toBe(500);
    expect(previewReach(990, 1000)).toBe(1000);
    expect(previewReach(1200, 1000)).toBe(1200);
  });
});
