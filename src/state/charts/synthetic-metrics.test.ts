import { describe, expect, it } from 'vitest';
import { continuePoints } from './synthetic-metrics';
import { fakePoint } from '../fake-metric-points.node';

describe('continuePoints', () => {
  it('continues steps and elapsed time, keeps the total the sum of the weighted terms, and is deterministic', () => {
    const last = fakePoint(10);
    const points = continuePoints(last, 500);
    expect(points.map((p) => p.step)).toEqual(Array.from({ length: 500 }, (_, k) => 11 + k));
    expect(points[0]?.elapsedMs).toBe(last.elapsedMs + last.stepMs);
    for (const p of points) {
      const sum = Object.values(p.weightedLosses).reduce((a, b) => a + b, 0);
      expect(p.total).toBeCloseTo(sum, 12);
      expect(Number.isFinite(p.total)).toBe(true);
    }
    expect(continuePoints(last, 500)).toEqual(points);
  });

  it('has spikes that do not compound', () => {
    const points = continuePoints(fakePoint(390), 20);
    const spike = points.find((p) => p.step === 397);
    const before = points.find((p) => p.step === 396);
    const after = points.find((p) => p.step === 398);
    expect((spike?.total ?? 0) / (before?.total ?? 1)).toBeGreaterThan(2.5);
    expect((after?.total ?? 0) / (before?.total ?? 1)).toBeLessThan(1.1);
  });
});
