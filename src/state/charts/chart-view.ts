/**
 * The points one chart line draws, sized to the chart: at most `maxPoints` per series (min/max per bucket, so
 * spikes survive), raw or smoothed from full resolution. Each result is kept per series array and size, so a chart
 * redrawn for another reason (a legend toggle, an overlay) or two charts showing one series reuse it, and smoothing
 * a growing series costs only its new points (`smoothedValuesIncremental`).
 */
import { downsampleMinMax, minMaxIndices, type SeriesPoint } from './downsample-metrics';
import { smoothedValuesIncremental } from './incremental-smoothing';

/** Horizontal pixels per drawn point: a min and a max for every 4 px of plot width. */
export const PIXELS_PER_POINT = 2;

/** Fewest points a line is cut to, whatever the width (a chart not yet measured draws at least this many). */
export const MIN_CHART_POINTS = 64;

/**
 * Most values (points × lines) one chart draws. Redrawing a chart costs the main thread about a few microseconds
 * per value (recharts lays out every line at every x), and a redraw cannot be split, so this bound keeps one redraw
 * well under the 50 ms of a long task even on a busy 2-core machine. A chart of many lines gets fewer points each.
 */
export const MAX_CHART_VALUES = 3_000;

/**
 * Points per line a chart `plotWidth` CSS pixels wide with `lines` lines draws at most: one per
 * `PIXELS_PER_POINT` pixels, within `MAX_CHART_VALUES` for all lines together, never below `MIN_CHART_POINTS`; even.
 */
export function maxPointsForWidth(plotWidth: number, lines = 1): number {
  const byWidth = Math.floor(Math.max(0, plotWidth) / PIXELS_PER_POINT);
  const points = Math.min(byWidth, Math.floor(MAX_CHART_VALUES / Math.max(1, lines)));
  return Math.max(MIN_CHART_POINTS, points - (points % 2));
}

const views = new WeakMap<readonly SeriesPoint[], Map<string, readonly SeriesPoint[]>>();

function remembered(
  points: readonly SeriesPoint[],
  key: string,
  make: () => readonly SeriesPoint[],
): readonly SeriesPoint[] {
  let byKey = views.get(points);
  if (!byKey) views.set(points, (byKey = new Map()));
  let view = byKey.get(key);
  if (!view) byKey.set(key, (view = make()));
  return view;
}

/** `points` downsampled to at most `maxPoints` (the same array when it is short enough). */
export function rawView(points: readonly SeriesPoint[], maxPoints: number): readonly SeriesPoint[] {
  if (points.length <= maxPoints) return points;
  return remembered(points, `r${maxPoints}`, () => downsampleMinMax(points, maxPoints));
}

/**
 * `points` smoothed with `weight` (TensorBoard's debiased EMA over the full series), then downsampled to at most
 * `maxPoints` with the smoothed values' extremes kept. Weight 0 is the raw view.
 */
export function smoothView(points: readonly SeriesPoint[], weight: number, maxPoints: number): readonly SeriesPoint[] {
  if (weight === 0) return rawView(points, maxPoints);
  return remembered(points, `s${weight}:${maxPoints}`, () => {
    const values = smoothedValuesIncremental(points, weight);
    return minMaxIndices(points.length, (i) => values[i] as number, maxPoints).map((i) => ({
      ...(points[i] as SeriesPoint),
      value: values[i] as number,
    }));
  });
}
