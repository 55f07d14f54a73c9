import { describe, expect, it } from 'vitest';
import { MAX_CHART_VALUES, maxPointsForWidth, MIN_CHART_POINTS, rawView, smoothView } from './chart-view';
import { downsampleMinMax, type SeriesPoint } from './downsample-metrics';
import { smoothedView } from './smoothing';

const series = (n: number): SeriesPoint[] =>
  Array.from({ length: n }, (_, k) => ({ step: k + 1, value: k === 1234 ? 1e3 : Math.cos(k / 9), elapsedMs: k * 300 }));

describe('chart views', () => {
  it('size a line by the plot width, never below the minimum, an even count', () => {
    expect(maxPointsForWidth(600)).toBe(300);
    expect(maxPointsForWidth(601)).toBe(300);
    expect(maxPointsForWidth(0)).toBe(MIN_CHART_POINTS);
    expect(maxPointsForWidth(1202) % 2).toBe(0);
  });

  it('give a chart of many lines fewer points each, within the value budget', () => {
    expect(maxPointsForWidth(1200, 4)).toBe(600);
    expect(maxPointsForWidth(1200, 16)).toBe(186);
    expect(16 * maxPointsForWidth(1200, 16)).toBeLessThanOrEqual(MAX_CHART_VALUES);
    expect(maxPointsForWidth(1200, 200)).toBe(MIN_CHART_POINTS);
  });

  it('downsample with the spike kept, and give the same array back for the same series and size', () => {
    const points = series(5_000);
    const view = rawView(points, 300);
    expect(view).toEqual(downsampleMinMax(points, 300));
    expect(view.some((p) => p.value === 1e3)).toBe(true);
    expect(rawView(points, 300)).toBe(view);
    const short = series(50);
    expect(rawView(short, 300)).toBe(short);
  });

  it('smooth from full resolution, equal to smoothedView, and remembered per weight and size', () => {
    const points = series(5_000);
    const view = smoothView(points, 0.6, 300);
    expect(view).toEqual(smoothedView(points, 0.6, 300));
    expect(smoothView(points, 0.6, 300)).toBe(view);
    expect(smoothView(points, 0, 300)).toBe(rawView(points, 300));
    expect(smoothView(points, 0.9, 300)).toEqual(smoothedView(points, 0.9, 300));
  });
});
