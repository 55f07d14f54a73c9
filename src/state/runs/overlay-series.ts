/**
 * The series of an earlier run drawn beside the current one: its `MetricPoint`s flattened by the same rules as the
 * live metrics (`extractSeries`) and downsampled the same way, so both runs' lines mean the same thing.
 */
import type { MetricPoint } from '../../protocol/metric-point';
import { downsampleMinMax, MAX_CHART_POINTS, MAX_KEPT_POINTS, type SeriesPoint } from '../charts/downsample-metrics';
import { extractSeries } from '../charts/metric-series';

export interface RunSeries {
  /** Every finite value per series, newest `MAX_KEPT_POINTS` points (as the metrics store keeps them). */
  readonly series: Readonly<Record<string, readonly SeriesPoint[]>>;
  /** `series` downsampled to at most `maxPoints` per series: what a chart draws. */
  readonly view: Readonly<Record<string, readonly SeriesPoint[]>>;
}

/** `points` (in step order) as named series and their chart view. */
export function runSeries(points: readonly MetricPoint[], maxPoints: number = MAX_CHART_POINTS): RunSeries {
  const kept = points.length > MAX_KEPT_POINTS ? points.slice(points.length - MAX_KEPT_POINTS) : points;
  const series: Record<string, readonly SeriesPoint[]> = {};
  const view: Record<string, readonly SeriesPoint[]> = {};
  for (const [name, list] of extractSeries(kept)) {
    series[name] = list;
    view[name] = downsampleMinMax(list, maxPoints);
  }
  return { series, view };
}

const cache = new WeakMap<readonly MetricPoint[], RunSeries>();

/**
 * `runSeries(points)` computed once per points array: an overlay's points never change, and every chart asks for
 * them on every redraw.
 */
export function cachedRunSeries(points: readonly MetricPoint[]): RunSeries {
  let found = cache.get(points);
  if (!found) cache.set(points, (found = runSeries(points)));
  return found;
}
