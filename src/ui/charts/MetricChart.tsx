/**
 * One live line chart of a run (a `LineChartKind`): its series raw (faint) and smoothed, each overlaid run dashed
 * in its colour, a vertical marker per run event, a legend whose entries switch series on and off, a log-axis
 * toggle and CSV/JSON downloads of its series at full resolution.
 *
 * The frame (title, legend, buttons) is cheap and follows the chart feed (at most once a second while training).
 * The plot (`LinePlot`) redraws only when what it draws changed and, while a run trains, only on screen
 * (`use-chart-live.ts`); at the chart's pixel width, in a task of its own (`use-queued-draw.ts`), so typing and
 * clicking are never stuck behind all charts.
 * `data-points` (points of the first series at this chart's size), `data-markers` and `data-on-screen` let tests see
 * what is drawn.
 */
import { memo, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectLogY, setLogY, useChartOptions } from '../../state/charts/chart-options';
import { useChartFeed, useFeedSeriesNames } from '../../state/charts/chart-feed';
import { maxPointsForWidth, rawView } from '../../state/charts/chart-view';
import type { SeriesPoint } from '../../state/charts/downsample-metrics';
import { downloadChartSeries } from '../../state/charts/metrics-download';
import { useRunEvents } from '../../state/run/run-events';
import { useRunOverlays } from '../../state/runs/run-overlays';
import { ChartDownloads } from './ChartDownloads';
import type { LineChartKind } from './chart-kinds';
import type { LinePlotInput } from './line-chart-model';
import { LinePlot, Y_AXIS_WIDTH } from './LinePlot';
import { currentRunName } from './run-name';
import { useElementWidth } from './use-element-width';
import { useChartLive } from './use-chart-live';
import { useQueuedDraw } from './use-queued-draw';

const HEIGHT = 220;
const EMPTY: readonly SeriesPoint[] = [];

export const MetricChart = memo(function MetricChart({ kind }: { kind: LineChartKind }) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const figure = useRef<HTMLElement>(null);
  const plotBox = useRef<HTMLDivElement>(null);
  const { onScreen, live } = useChartLive(figure);
  const width = useElementWidth(plotBox);

  const names = useFeedSeriesNames();
  const series = useMemo(() => kind.series(names), [kind, names]);
  const full = useChartFeed(useShallow((state) => series.map((s) => state.series[s.name] ?? EMPTY)));
  const anyReceived = useChartFeed((state) => state.received > 0);
  const smoothing = useChartOptions((state) => state.smoothing);
  const xAxis = useChartOptions((state) => state.xAxis);
  const ignoreOutliers = useChartOptions((state) => state.ignoreOutliers);
  const logY = useChartOptions((state) => selectLogY(state, kind.kind, kind.logY));
  const events = useRunEvents((state) => state.events);
  const overlays = useRunOverlays((state) => state.overlays);

  const hasRight = series.some((s) => s.right && !hidden.has(s.name));
  const shownSeries = series.filter((s) => !hidden.has(s.name)).length;
  const lineCount = shownSeries * (smoothing > 0 ? 2 : 1) + shownSeries * overlays.length;
  const maxPoints = maxPointsForWidth(width - Y_AXIS_WIDTH.left - (hasRight ? Y_AXIS_WIDTH.right : 12), lineCount);
  const input = useMemo<LinePlotInput>(
    () => ({ series, full, hidden, smoothing, xAxis, logY, ignoreOutliers, events, overlays, maxPoints }),
    [series, full, hidden, smoothing, xAxis, logY, ignoreOutliers, events, overlays, maxPoints],
  );
  // Off screen during training the plot keeps what it drew; otherwise it redraws in its turn (one chart per task).
  const shown = useQueuedDraw(input, live);
  const height = kind.wide ? HEIGHT + 40 : HEIGHT;
  const drawnPoints = rawView(full[0] ?? EMPTY, maxPoints).length;

  const toggle = (name: string) =>
    setHidden((before) => {
      const next = new Set(before);
      if (!next.delete(name)) next.add(name);
      return next;
    });
  const download = (format: 'csv' | 'json') =>
    downloadChartSeries(
      currentRunName(),
      kind.kind,
      series.map((s) => s.name),
      format,
    );
  return (
    <figure
      ref={figure}
      className={`metric-chart${kind.wide ? ' chart-wide' : ''}`}
      data-testid={`chart-${kind.kind}`}
      data-points={drawnPoints}
      data-markers={events.length}
      data-on-screen={onScreen}
    >
      <figcaption>
        <span className="chart-title">{kind.title}</span>
        <span className="chart-options">
          <button
            type="button"
            className="button-link"
            data-testid={`chart-${kind.kind}-log`}
            aria-pressed={logY}
            onClick={() => setLogY(kind.kind, !logY)}
            title="Logarithmic or linear y axis"
          >
            {logY ? 'log y' : 'linear y'}
          </button>
          <ChartDownloads
            testId={`chart-${kind.kind}`}
            what={kind.title}
            onDownload={download}
            disabled={!anyReceived}
          />
        </span>
      </figcaption>
      <ul className="chart-legend" aria-label={`${kind.title}: lines shown`}>
        {series.map((s) => (
          <li key={s.name}>
            <button
              type="button"
              className="legend-item"
              aria-pressed={!hidden.has(s.name)}
              onClick={() => toggle(s.name)}
              title={`Show or hide ${s.label}`}
            >
              <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
              {s.label}
              {s.right ? ' (right axis)' : ''}
            </button>
          </li>
        ))}
        {overlays.map((overlay) => (
          <li key={overlay.id} className="legend-overlay" title={`${overlay.name}: an earlier run, dashed`}>
            <span className="swatch swatch-dashed" style={{ borderColor: overlay.color }} aria-hidden="true" />
            {overlay.name}
          </li>
        ))}
      </ul>
      <div ref={plotBox} className="chart-plot" style={{ height }}>
        <LinePlot
          input={shown}
          width={width}
          height={height}
          empty={anyReceived ? (kind.noData ?? 'No finite value to draw yet.') : 'Waiting for the first step…'}
        />
      </div>
    </figure>
  );
});
