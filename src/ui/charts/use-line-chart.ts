/**
 * Everything one line chart draws, from narrow store selectors: the run's series (raw view, and smoothed from full
 * resolution), the same series of each overlaid run, the run's event markers, and the y ranges. A chart re-renders
 * when its own series, the chart options, the events or the overlays change — not on any other store update.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectLogY, useChartOptions, type XAxisMode } from '../../state/chart-options';
import { buildLineRows, placeMarkers, type ChartMarker, type LineRow } from '../../state/chart-rows';
import { niceAxis, robustDomain } from '../../state/chart-scale';
import type { SeriesPoint } from '../../state/downsample-metrics';
import { selectSeriesView, useMetricsStore, useSeriesNames } from '../../state/metrics-store';
import { cachedRunSeries } from '../../state/overlay-series';
import { useRunEvents } from '../../state/run-events';
import { useRunOverlays } from '../../state/run-overlays';
import { smoothedView } from '../../state/smoothing';
import type { ChartSeries, LineChartKind } from './chart-kinds';

/** One line as drawn. */
export interface DrawnLine {
  readonly key: string;
  /** The store series it shows (legend toggles hide every line of one series). */
  readonly series: ChartSeries;
  readonly name: string;
  readonly color: string;
  readonly points: readonly SeriesPoint[];
  /** `raw` is faint when a smoothed line is drawn over it; `overlay` is an earlier run, dashed. */
  readonly role: 'raw' | 'smoothed' | 'overlay';
}

export interface LineChartModel {
  readonly series: readonly ChartSeries[];
  readonly lines: readonly DrawnLine[];
  /** Overlaid earlier runs (legend entries). */
  readonly overlays: ReadonlyArray<{ readonly id: string; readonly name: string; readonly color: string }>;
  readonly rows: readonly LineRow[];
  readonly markers: readonly ChartMarker[];
  /** Points of the first series in the chart view (what `data-points` reports). */
  readonly drawnPoints: number;
  readonly anyReceived: boolean;
  readonly logY: boolean;
  readonly xAxis: XAxisMode;
  readonly smoothing: number;
  /** Explicit y ranges (and, on linear axes, their ticks) when outliers are ignored; null: the automatic range. */
  readonly leftAxis: YRange | null;
  readonly rightAxis: YRange | null;
}

export interface YRange {
  readonly domain: [number, number];
  readonly ticks?: readonly number[];
}

const EMPTY: readonly SeriesPoint[] = [];

export function useLineChart(kind: LineChartKind, hidden: ReadonlySet<string>): LineChartModel {
  const allNames = useSeriesNames();
  const series = useMemo(() => kind.series(allNames), [kind, allNames]);
  const views = useMetricsStore(useShallow((state) => series.map((s) => selectSeriesView(state, s.name))));
  const full = useMetricsStore(useShallow((state) => series.map((s) => state.series[s.name] ?? EMPTY)));
  const maxPoints = useMetricsStore((state) => state.maxChartPoints);
  const anyReceived = useMetricsStore((state) => state.received > 0);
  const smoothing = useChartOptions((state) => state.smoothing);
  const xAxis = useChartOptions((state) => state.xAxis);
  const ignoreOutliers = useChartOptions((state) => state.ignoreOutliers);
  const logY = useChartOptions((state) => selectLogY(state, kind.kind, kind.logY));
  const events = useRunEvents((state) => state.events);
  const overlays = useRunOverlays((state) => state.overlays);

  const runLines = useMemo(
    () =>
      series.flatMap((s, i): DrawnLine[] => {
        const raw: DrawnLine = { key: `r${i}`, series: s, name: smoothing > 0 ? `${s.label} (raw)` : s.label, color: s.color, points: views[i] ?? EMPTY, role: 'raw' };
        if (smoothing === 0) return [raw];
        return [raw, { key: `m${i}`, series: s, name: s.label, color: s.color, points: smoothedView(full[i] ?? EMPTY, smoothing, maxPoints), role: 'smoothed' }];
      }),
    [series, views, full, smoothing, maxPoints],
  );
  const overlayLines = useMemo(
    () =>
      overlays.flatMap((overlay, j) => {
        const run = cachedRunSeries(overlay.points);
        return series.flatMap((s, i): DrawnLine[] => {
          const points = smoothing > 0 ? smoothedView(run.series[s.name] ?? EMPTY, smoothing, maxPoints) : (run.view[s.name] ?? EMPTY);
          if (points.length === 0) return [];
          return [{ key: `o${j}_${i}`, series: s, name: `${overlay.name}: ${s.label}`, color: overlay.color, points, role: 'overlay' }];
        });
      }),
    [overlays, series, smoothing, maxPoints],
  );
  const lines = useMemo(() => [...overlayLines, ...runLines].filter((line) => !hidden.has(line.series.name)), [overlayLines, runLines, hidden]);
  const rows = useMemo(() => buildLineRows(lines, xAxis, logY), [lines, xAxis, logY]);
  const markers = useMemo(() => placeMarkers(events, full[0] ?? EMPTY, xAxis), [events, full, xAxis]);
  const [leftAxis, rightAxis] = useMemo(() => {
    if (!ignoreOutliers) return [null, null];
    const range = (right: boolean): YRange | null => {
      const values = lines.filter((line) => Boolean(line.series.right) === right).flatMap((line) => line.points.map((p) => p.value));
      const domain = robustDomain(values, { log: logY });
      if (!domain) return null;
      // Log axes label decades on their own; a linear range is rounded out so its ticks are round numbers.
      return logY ? { domain } : niceAxis(domain);
    };
    return [range(false), range(true)];
  }, [ignoreOutliers, lines, logY]);

  return { series, lines, overlays, rows, markers, drawnPoints: views[0]?.length ?? 0, anyReceived, logY, xAxis, smoothing, leftAxis, rightAxis };
}
