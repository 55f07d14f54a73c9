/**
 * Everything one line chart draws, computed from plain inputs (pure, so it is tested): the run's series raw and
 * smoothed, each overlaid run's, as rows on one x axis — every point while the lines are shorter than the chart is
 * wide, else each line's extremes per few pixels on a grid all lines share (`chart-grid.ts`) — with the run's event
 * markers and the y ranges.
 */
import type { ChartOptionsState } from '../../state/charts/chart-options';
import { gridRows } from '../../state/charts/chart-grid';
import { buildLineRows, placeMarkers, type ChartMarker, type LineRow } from '../../state/charts/chart-rows';
import { niceAxis, robustDomain } from '../../state/charts/chart-scale';
import { smoothView } from '../../state/charts/chart-view';
import type { SeriesPoint } from '../../state/charts/downsample-metrics';
import { smoothedValuesIncremental } from '../../state/charts/incremental-smoothing';
import { cachedRunSeries } from '../../state/runs/overlay-series';
import type { RunEvent } from '../../state/run/run-events';
import type { OverlayRun } from '../../state/runs/run-overlays';
import type { ChartSeries } from './chart-kinds';

/**
 * What a chart's plot depends on; a new object only when one of these changed. The chart options as stored, but
 * `logY` resolved for this chart.
 */
export interface LinePlotInput extends Pick<ChartOptionsState, 'smoothing' | 'xAxis' | 'ignoreOutliers'> {
  readonly series: readonly ChartSeries[];
  /** Each series' every point (from the chart feed), same order as `series`. */
  readonly full: ReadonlyArray<readonly SeriesPoint[]>;
  readonly hidden: ReadonlySet<string>;
  readonly logY: boolean;
  readonly events: readonly RunEvent[];
  readonly overlays: readonly OverlayRun[];
  /** Points per line at most (from the plot's pixel width). */
  readonly maxPoints: number;
}

/** One line as drawn. */
export interface DrawnLine {
  readonly key: string;
  /** The store series it shows (legend toggles hide every line of one series). */
  readonly series: ChartSeries;
  readonly name: string;
  readonly color: string;
  /** Every point of the line's series (before smoothing and cutting to the chart's width). */
  readonly full: readonly SeriesPoint[];
  /** Drawn smoothed (with the input's smoothing weight). */
  readonly smoothed: boolean;
  /** `raw` is faint when a smoothed line is drawn over it; `overlay` is an earlier run, dashed. */
  readonly role: 'raw' | 'smoothed' | 'overlay';
}

export interface YRange {
  readonly domain: [number, number];
  readonly ticks?: readonly number[];
}

export interface LineChartModel {
  readonly lines: readonly DrawnLine[];
  readonly rows: readonly LineRow[];
  readonly markers: readonly ChartMarker[];
  /** A visible series is on the right axis. */
  readonly hasRight: boolean;
  /** Explicit y ranges (and, on linear axes, their ticks) when outliers are ignored; null: the automatic range. */
  readonly leftAxis: YRange | null;
  readonly rightAxis: YRange | null;
}

const EMPTY: readonly SeriesPoint[] = [];

function runLines(input: LinePlotInput): DrawnLine[] {
  const { series, full, smoothing } = input;
  return series.flatMap((s, i): DrawnLine[] => {
    const points = full[i] ?? EMPTY;
    const raw: DrawnLine = {
      key: `r${i}`,
      series: s,
      name: smoothing > 0 ? `${s.label} (raw)` : s.label,
      color: s.color,
      full: points,
      smoothed: false,
      role: 'raw',
    };
    if (smoothing === 0) return [raw];
    return [
      raw,
      { key: `m${i}`, series: s, name: s.label, color: s.color, full: points, smoothed: true, role: 'smoothed' },
    ];
  });
}

function overlayLines(input: LinePlotInput): DrawnLine[] {
  const { overlays, series, smoothing } = input;
  return overlays.flatMap((overlay, j) => {
    const run = cachedRunSeries(overlay.points);
    return series.flatMap((s, i): DrawnLine[] => {
      const points = run.series[s.name] ?? EMPTY;
      if (points.length === 0) return [];
      return [
        {
          key: `o${j}_${i}`,
          series: s,
          name: `${overlay.name}: ${s.label}`,
          color: overlay.color,
          full: points,
          smoothed: smoothing > 0,
          role: 'overlay',
        },
      ];
    });
  });
}

/** Every point of every line when they fit the chart's width; else the shared grid of per-bucket extremes. */
function rowsOf(lines: readonly DrawnLine[], input: LinePlotInput): LineRow[] {
  const { smoothing, maxPoints, xAxis, logY } = input;
  const fits = lines.every((line) => line.full.length <= maxPoints);
  if (fits)
    return buildLineRows(
      lines.map((line) => ({
        key: line.key,
        points: line.smoothed ? smoothView(line.full, smoothing, maxPoints) : line.full,
      })),
      xAxis,
      logY,
    );
  const grid = lines.map((line) =>
    line.smoothed
      ? { key: line.key, points: line.full, values: smoothedValuesIncremental(line.full, smoothing) }
      : { key: line.key, points: line.full },
  );
  return gridRows(grid, xAxis, Math.max(1, Math.floor(maxPoints / 2)), logY);
}

function yRange(lines: readonly DrawnLine[], rows: readonly LineRow[], right: boolean, logY: boolean): YRange | null {
  const keys = lines.filter((line) => Boolean(line.series.right) === right).map((line) => line.key);
  const values: number[] = [];
  for (const row of rows) {
    for (const key of keys) {
      const value = row[key];
      if (value !== undefined) values.push(value);
    }
  }
  const domain = robustDomain(values, { log: logY });
  if (!domain) return null;
  // Log axes label decades on their own; a linear range is rounded out so its ticks are round numbers.
  return logY ? { domain } : niceAxis(domain);
}

export function lineChartModel(input: LinePlotInput): LineChartModel {
  const lines = [...overlayLines(input), ...runLines(input)].filter((line) => !input.hidden.has(line.series.name));
  const hasRight = input.series.some((s) => s.right && !input.hidden.has(s.name));
  const rows = rowsOf(lines, input);
  return {
    lines,
    rows,
    markers: placeMarkers(input.events, input.full[0] ?? EMPTY, input.xAxis),
    hasRight,
    leftAxis: input.ignoreOutliers ? yRange(lines, rows, false, input.logY) : null,
    rightAxis: input.ignoreOutliers ? yRange(lines, rows, true, input.logY) : null,
  };
}
