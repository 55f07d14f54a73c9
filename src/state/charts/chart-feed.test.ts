import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CHART_REFRESH_MS,
  chartRefreshInterval,
  MAX_CHART_REFRESH_MS,
  refreshCharts,
  useChartFeed,
} from './chart-feed';
import { fakePoints } from '../fake-metric-points.node';
import { appendMetrics, resetMetrics } from './metrics-store';

describe('chart feed', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    resetMetrics();
    refreshCharts();
  });
  afterEach(() => vi.useRealTimers());

  it('takes metric batches at most once a second while a run trains, the first at once', () => {
    vi.advanceTimersByTime(5_000);
    appendMetrics(fakePoints(1, 2));
    expect(useChartFeed.getState().received).toBe(2);
    appendMetrics(fakePoints(3, 2));
    appendMetrics(fakePoints(5, 2));
    expect(useChartFeed.getState().received).toBe(2);
    vi.advanceTimersByTime(CHART_REFRESH_MS);
    expect(useChartFeed.getState().received).toBe(6);
    expect(useChartFeed.getState().series['total']?.length).toBe(6);
  });

  it('follows a reset at once', () => {
    appendMetrics(fakePoints(1, 3));
    vi.advanceTimersByTime(CHART_REFRESH_MS);
    resetMetrics();
    expect(useChartFeed.getState().received).toBe(0);
  });

  it('waits longer when redraws took more than their share of the time, within bounds', () => {
    expect(chartRefreshInterval(0)).toBe(CHART_REFRESH_MS);
    expect(chartRefreshInterval(60)).toBe(2_000);
    expect(chartRefreshInterval(10_000)).toBe(MAX_CHART_REFRESH_MS);
  });
});
