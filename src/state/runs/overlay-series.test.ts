import { describe, expect, it } from 'vitest';
import { fakePoint, fakePoints } from '../fake-metric-points.node';
import { cachedRunSeries, runSeries } from './overlay-series';

describe('runSeries', () => {
  it('names and values series as the live metrics do, with elapsed times', () => {
    const { series, view } = runSeries([fakePoint(1), fakePoint(2, { total: NaN })]);
    expect(series['total']).toEqual([{ step: 1, value: fakePoint(1).total, elapsedMs: 500 }]);
    expect(series['loss.edge']?.map((p) => p.value)).toEqual([0.7 / 1.05, 0.7 / 1.1]);
    expect(series['lr.adamw']?.map((p) => p.value)).toEqual([3e-4, 3e-4]);
    expect(view['total']).toBe(series['total']);
  });

  it('downsamples each series to at most maxPoints, keeping first, last and the extremes', () => {
    const points = fakePoints(1, 3_000).map((p) => (p.step === 1_234 ? { ...p, total: 99 } : p));
    const { series, view } = runSeries(points, 200);
    expect(series['total']?.length).toBe(3_000);
    const total = view['total'] ?? [];
    expect(total.length).toBeLessThanOrEqual(200);
    expect(total[0]?.step).toBe(1);
    expect(total[total.length - 1]?.step).toBe(3_000);
    expect(total.some((p) => p.step === 1_234 && p.value === 99)).toBe(true);
  });

  it('computes once per points array', () => {
    const points = fakePoints(1, 10);
    expect(cachedRunSeries(points)).toBe(cachedRunSeries(points));
    expect(cachedRunSeries([...points])).not.toBe(cachedRunSeries(points));
  });
});
