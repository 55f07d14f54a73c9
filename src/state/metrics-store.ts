/**
 * The run's metrics as the charts see them: `MetricPoint` batches appended as they arrive, the newest
 * `MAX_KEPT_POINTS` kept whole, every series kept in full (same bound) and a downsampled copy (≤ `MAX_CHART_POINTS`
 * per series) that is the only thing a chart reads. Work per batch is proportional to the series length, not to the
 * run length, and the main thread never holds more than the bound.
 */
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { MetricPoint } from '../protocol/metric-point';
import { appendBounded, downsampleMinMax, MAX_CHART_POINTS, MAX_KEPT_POINTS, type SeriesPoint } from './downsample-metrics';
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
  /** What charts draw: `series` downsampled to at most `maxChartPoints` per series. */
  readonly view: Readonly<Record<string, readonly SeriesPoint[]>>;
  readonly capacity: number;
  readonly maxChartPoints: number;
}

const EMPTY_SERIES: readonly SeriesPoint[] = [];

function initialState(capacity = MAX_KEPT_POINTS, maxChartPoints = MAX_CHART_POINTS): MetricsState {
  return { points: [], received: 0, latest: null, seriesNames: [], series: {}, view: {}, capacity, maxChartPoints };
}

export const useMetricsStore = create<MetricsState>()(() => initialState());

/** Appends one batch (in step order) from the trainer. An empty batch changes nothing. */
export function appendMetrics(batch: readonly MetricPoint[]): void {
  if (batch.length === 0) return;
  useMetricsStore.setState((state) => {
    const series = { ...state.series };
    const view = { ...state.view };
    const names = [...state.seriesNames];
    for (const [name, added] of extractSeries(batch)) {
      if (!(name in series)) names.push(name);
      const kept = appendBounded(series[name] ?? EMPTY_SERIES, added, state.capacity);
      series[name] = kept;
      view[name] = downsampleMinMax(kept, state.maxChartPoints);
    }
    return {
      points: appendBounded(state.points, batch, state.capacity),
      received: state.received + batch.length,
      latest: batch[batch.length - 1] ?? state.latest,
      seriesNames: names.length === state.seriesNames.length ? state.seriesNames : names,
      series,
      view,
    };
  });
}

/** Forgets every point (a new run starts, or a test begins). The bounds can be lowered for tests. */
export function resetMetrics(options: { capacity?: number; maxChartPoints?: number } = {}): void {
  useMetricsStore.setState(initialState(options.capacity, options.maxChartPoints));
}

/** The downsampled series `name` (an empty array, always the same one, before it has values). */
export function selectSeriesView(state: MetricsState, name: string): readonly SeriesPoint[] {
  return state.view[name] ?? EMPTY_SERIES;
}

export function useSeriesView(name: string): readonly SeriesPoint[] {
  return useMetricsStore((state) => selectSeriesView(state, name));
}

export function useSeriesNames(): readonly string[] {
  return useMetricsStore((state) => state.seriesNames);
}

export function useLatestPoint(): MetricPoint | null {
  return useMetricsStore((state) => state.latest);
}

/** The downsampled series for each of `names`, same order; a new array only when one of them changed. */
export function useSeriesViews(names: readonly string[]): ReadonlyArray<readonly SeriesPoint[]> {
  return useMetricsStore(useShallow((state) => names.map((name) => selectSeriesView(state, name))));
}
