/**
 * What the charts draw from: the metrics store's series as of the last chart refresh. While a run trains, metric
 * batches arrive four times a second; the charts take them at most once per `CHART_REFRESH_MS` (a rate people can
 * read), and at once when the run changes state (pause, stop, finish), when a point arrives while paused (one
 * step) and when the metrics are reset. Text readouts (step, throughput) keep reading the metrics store itself.
 *
 * On a slow or busy machine a refresh's redraws can take longer: the charts report what each redraw took
 * (`noteChartDraw`) and the next refresh waits until they have used at most `CHART_DRAW_SHARE` of the time since the
 * last one (never more than `MAX_CHART_REFRESH_MS`), so the charts slow down instead of the page.
 */
import { create } from 'zustand';
import type { MetricPoint } from '../../protocol/metric-point';
import type { SeriesPoint } from './downsample-metrics';
import { useMetricsStore, type MetricsState } from './metrics-store';
import { RefreshThrottle } from './refresh-throttle';
import { useRunStore } from '../run/run-store';

/** Least time between two chart refreshes while a run trains, ms. */
export const CHART_REFRESH_MS = 1000;

/** Most of the main thread's time the chart redraws of one refresh may take (their cost sets the next interval). */
export const CHART_DRAW_SHARE = 0.03;

/** Longest wait between two refreshes however slow the redraws, ms. */
export const MAX_CHART_REFRESH_MS = 4000;

/** Redraw time (ms) since the last refresh. */
let drawnMs = 0;
let lastCycleMs = 0;

/** Interval before the next refresh: one second, or longer when the last refresh's redraws took more than their share. */
export function chartRefreshInterval(cycleDrawMs: number): number {
  return Math.min(MAX_CHART_REFRESH_MS, Math.max(CHART_REFRESH_MS, cycleDrawMs / CHART_DRAW_SHARE));
}

/** A chart redraw took `ms` of the main thread. */
export function noteChartDraw(ms: number): void {
  drawnMs += ms;
}

export interface ChartFeedState {
  /** Every finite value per series (the metrics store's arrays, shared, never copied). */
  readonly series: Readonly<Record<string, readonly SeriesPoint[]>>;
  readonly seriesNames: readonly string[];
  readonly latest: MetricPoint | null;
  readonly received: number;
}

const snapshot = (state: MetricsState): ChartFeedState => ({
  series: state.series,
  seriesNames: state.seriesNames,
  latest: state.latest,
  received: state.received,
});

export const useChartFeed = create<ChartFeedState>()(() => snapshot(useMetricsStore.getState()));

function refresh(): void {
  lastCycleMs = drawnMs;
  drawnMs = 0;
  useChartFeed.setState(snapshot(useMetricsStore.getState()));
}

const throttle = new RefreshThrottle(refresh, () => chartRefreshInterval(Math.max(lastCycleMs, drawnMs)));

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
