import { describe, expect, it } from 'vitest';
import { appendBounded, type SeriesPoint } from './downsample-metrics';
import { smoothedValuesIncremental } from './incremental-smoothing';
import { smoothedValues } from './smoothing';

const points = (from: number, count: number): SeriesPoint[] =>
  Array.from({ length: count }, (_, k) => ({ step: from + k, value: Math.sin((from + k) / 7) * 3 + (from + k) / 50 }));

describe('smoothedValuesIncremental', () => {
  it('equals smoothing the whole series, batch after batch as the store appends them', () => {
    let series: readonly SeriesPoint[] = [];
    for (let batch = 0; batch < 40; batch++) {
      series = appendBounded(series, points(batch * 13, 13), 100_000);
      for (const weight of [0, 0.6, 0.99])
        expect([...smoothedValuesIncremental(series, weight)]).toEqual([...smoothedValues(series, weight)]);
    }
  });

  it('starts again when the oldest points were dropped or the series was replaced', () => {
    let series: readonly SeriesPoint[] = [];
    for (let batch = 0; batch < 10; batch++) {
      series = appendBounded(series, points(batch * 30, 30), 100);
      expect([...smoothedValuesIncremental(series, 0.9)]).toEqual([...smoothedValues(series, 0.9)]);
    }
    const other = points(0, 50).map((p) => ({ ...p, value: -p.value }));
    expect([...smoothedValuesIncremental(other, 0.9)]).toEqual([...smoothedValues(other, 0.9)]);
    expect(smoothedValuesIncremental([], 0.5).length).toBe(0);
  });
});
