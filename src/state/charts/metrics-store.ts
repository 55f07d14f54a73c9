/**
 * The run's metrics: `MetricPoint` batches appended as they arrive, the newest `MAX_KEPT_POINTS` kept whole and
 * every series kept in full (same bound). Nothing is downsampled per batch: a chart asks for its series at its own
 * size when it draws (`chart-view.ts`, through the throttled `chart-feed.ts`). Work per batch is proportional to the
 * series length, not to the run length, and the main thread never holds more than the bound.
 */
import { create } from 'zustand';
import type { MetricPoint } from '../../protocol/metric-point';
import { rawView } from './chart-view';
import { appendBounded, MAX_CHART_POINTS, MAX_KEPT_POINTS, type SeriesPoint } from './downsample-metrics';
import { extractSeries } from './metric-series';

export interface MetricsState {
  /** The newest points, oldest first (at most `capacity`). */
  readonly points: readonly MetricPoint[];
  /** Points received since the last reset, including those dropped from `points`. */
  readonly received: number;
  readonly latest: MetricPoint | null;
  /** Series names in first-seen order. */
  readonly seriesNames: readonly string[];
  /** Every finite value per series (newest `capacity`). */
  readonly series: Readonly<Record<string, readonly SeriesPoint[]>>;
  readonly capacity: number;
  /** Points per series of `selectSeriesView` (charts sized by their width use `chart-view.ts` instead). */
  readonly maxChartPoints: number;
}

const EMPTY_SERIES: readonly SeriesPoint[] = [];

function initialState(capacity = MAX_KEPT_POINTS, maxChartPoints = MAX_CHART_POINTS): MetricsState {
  return { points: [], received: 0, latest: null, seriesNames: [], series: {}, capacity, maxChartPoints };
}

export const useMetricsStore = create<MetricsState>()(() => initialState());

/** Appends one batch (in step order) from the trainer. An empty batch changes nothing. */
export function appendMetrics(batch: readonly MetricPoint[]): void {
  if (batch.length === 0) return;
  useMetricsStore.setState((state) => {
    const series = { ...state.series };
    const names = [...state.seriesNames];
    for (const [name, added] of extractSeries(batch)) {
      if (!(name in series)) names.push(name);
      const kept = appendBounded(series[name] ?? EMPTY_SERIES, added, state.capacity);
      series[name] = kept;
    }
    return {
      points: appendBounded(state.points, batch, state.capacity),
      received: state.received + batch.length,
      latest: batch[batch.length - 1] ?? state.latest,
      seriesNames: names.length === state.seriesNames.length ? state.seriesNames : names,
      series,
    };
  });
}

/** Forgets every point (a new run starts, or a test begins). The bounds can be lowered for tests. */
export function resetMetrics(options: { capacity?: number; maxChartPoints?: number } = {}): void {
  useMetricsStore.setState(initialState(options.capacity, options.maxChartPoints));
}

/**
 * The series `name` downsampled to `maxChartPoints` (an empty array, always the same one, before it has values);
 * computed when asked and kept per series array, so a selector sees the same array until the series grows.
 */
export function selectSeriesView(state: MetricsState, name: string): readonly SeriesPoint[] {
  const series = state.series[name];
  return series ? rawView(series, state.maxChartPoints) : EMPTY_SERIES;
}

export function useSeriesNames(): readonly string[] {
  return useMetricsStore((state) => state.seriesNames);
}

export function useLatestPoint(): MetricPoint | null {
  return useMetricsStore((state) => state.latest);
}
