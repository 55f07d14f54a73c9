import { expect, test } from 'vitest';
import type { MetricPoint } from '../../protocol/metric-point';
import { formatDuration, runProgress } from './run-progress';

const point = (step: number, elapsedMs: number) => ({ step, elapsedMs }) as MetricPoint;

test('steps per second over the recent window of training time, and the time left at that rate', () => {
  // A slow first step (shader compiles) falls out of a 3-point window: 2 steps in 1 s → 2 steps/s.
  const points = [point(1, 30_000), point(2, 30_500), point(3, 31_000), point(4, 31_500)];
  expect(runProgress(points, 104, 3)).toEqual({ stepsPerSecond: 2, etaSeconds: 50 });
  expect(runProgress(points, 104, 10).stepsPerSecond).toBeCloseTo(3 / 1.5, 12);
  expect(runProgress(points.slice(0, 1), 10).stepsPerSecond).toBeNaN();
  expect(formatDuration(50)).toBe('50 s');
  expect(formatDuration(200)).toBe('3 min 20 s');
  expect(formatDuration(7500)).toBe('2 h 5 min');
  expect(formatDuration(NaN)).toBe('–');
});
