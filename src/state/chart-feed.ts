/**
 * What the charts draw from: the metrics store's series as of the last chart refresh. While a run trains, metric
 * batches arrive four times a second; the charts take them at most once per `CHART_REFRESH_MS` (a rate people can
 * read), and at once when the run changes state (pause, stop, finish), when a point arrives while paused (one
 * step) and when the metrics are reset. Text readouts (step, throughput) keep reading the metrics store itself.
 */
import { create } from 'zustand';
import type { MetricPoint } from '../protocol/metric-point';
import type { SeriesPoint } from './downsample-metrics';
import { useMetricsStore, type MetricsState } from './metrics-store';
import { RefreshThrottle } from './refresh-throttle';
import { useRunStore } from './run-store';

/** Least time between two chart refreshes while a run trains, ms. */
export const CHART_REFRESH_MS = 1000;

export interface ChartFeedState {
  /** Every finite value per series (the metrics store's arrays, shared, never copied). */
  readonly series: Readonly<Record<string, readonly SeriesPoint[]>>;
  readonly seriesNames: readonly string[];
  readonly latest: MetricPoint | null;
  readonly received: number;
}

const snapshot = (state: MetricsState): ChartFeedState => ({ series: state.series, seriesNames: state.seriesNames, latest: state.latest, received: state.received });

export const useChartFeed = create<ChartFeedState>()(() => snapshot(useMetricsStore.getState()));

const throttle = new RefreshThrottle(() => useChartFeed.setState(snapshot(useMetricsStore.getState())), CHART_REFRESH_MS);

useMetricsStore.subscribe((state, previous) => {
  if (state.received < previous.received || useRunStore.getState().status === 'paused') throttle.now();
  else if (state !== previous) throttle.request();
});

useRunStore.subscribe((state, previous) => {
  if (state.status !== previous.status) throttle.now();
});

/** Brings the charts up to date now (tests; a tab shown again). */
export function refreshCharts(): void {
  throttle.now();
}

export function useFeedSeriesNames(): readonly string[] {
  return useChartFeed((state) => state.seriesNames);
}

export function useFeedLatest(): MetricPoint | null {
  return useChartFeed((state) => state.latest);
}
