/**
 * β as the run used it, over the VQ loss and the codebook perplexity (right axis), with the configured schedule
 * dashed a little ahead of the latest step: where the solid β leaves the dashed one, a live edit changed it.
 * `data-points` counts the run's β points drawn. Like the run's charts it follows the chart feed, draws at its pixel
 * width and only while on screen.
 */
import { memo, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useChartFeed } from '../../state/charts/chart-feed';
import { maxPointsForWidth, rawView } from '../../state/charts/chart-view';
import { commitmentCurve, previewReach } from '../../state/charts/commitment-curve';
import type { SeriesPoint } from '../../state/charts/downsample-metrics';
import { chartKey, mergeSeriesRows, SERIES, seriesName, type ChartRow } from '../../state/charts/metric-series';
import { useRunStore } from '../../state/run/run-store';
import { compactNumber } from '../charts/format';
import { useElementWidth } from '../charts/use-element-width';
import { useChartLive } from '../charts/use-chart-live';
import { useQueuedDraw } from '../charts/use-queued-draw';
import { PREVIEW_COLOR } from './BetaPreview';
import { usePlannedSteps } from './use-planned-steps';

const HEIGHT = 220;
const NAMES = [SERIES.commitmentCost, seriesName('loss', 'vq'), SERIES.perplexity] as const;

/** Lines in key order: the preview first, then the run's series as in `NAMES`. */
const LINES = [
  { label: 'β planned', color: PREVIEW_COLOR, dashed: true, right: false },
  { label: 'β used', color: '#b3261e', dashed: false, right: false },
  { label: 'VQ loss', color: '#3867d6', dashed: false, right: false },
  { label: 'perplexity (right)', color: '#20a36b', dashed: false, right: true },
] as const;

const EMPTY: readonly SeriesPoint[] = [];
/** Both y axes and the margins. */
const AXES_WIDTH = 48 + 40 + 4;

export const BetaOverlayChart = memo(function BetaOverlayChart() {
  const figure = useRef<HTMLElement>(null);
  const { onScreen, live } = useChartLive(figure);
  const width = useElementWidth(figure);
  const maxPoints = maxPointsForWidth(width - AXES_WIDTH, LINES.length);
  const vq = useRunStore((state) => state.config.vq);
  const planned = usePlannedSteps();
  const full = useChartFeed(useShallow((state) => NAMES.map((name) => state.series[name] ?? EMPTY)));
  const [beta, vqLoss, perplexity] = full.map((points) => rawView(points, maxPoints));
  const latest = full[0]?.at(-1)?.step ?? 0;
  const rows = useMemo(() => {
    if (latest === 0) return [];
    const preview = commitmentCurve(vq, previewReach(latest, planned.steps));
    return mergeSeriesRows([preview, beta ?? [], vqLoss ?? [], perplexity ?? []]);
  }, [vq, planned.steps, latest, beta, vqLoss, perplexity]);
  const shown = useQueuedDraw(rows, live);
  return (
    <figure
      ref={figure}
      className="metric-chart teaching-chart"
      data-testid="teaching-beta-overlay"
      data-points={beta?.length ?? 0}
      data-on-screen={onScreen}
    >
      <figcaption>
        <span className="chart-title">β, VQ loss and perplexity</span>
      </figcaption>
      <BetaPlot rows={shown} />
    </figure>
  );
});

/** The drawing itself: redrawn only when its rows change. */
const BetaPlot = memo(function BetaPlot({ rows }: { rows: readonly ChartRow[] }) {
  return (
    <>
      {rows.length === 0 ? (
        <p className="chart-empty" style={{ height: HEIGHT }}>
          Start a run: β, the VQ loss and the perplexity appear here step by step.
        </p>
      ) : (
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <LineChart
            data={rows as unknown as Array<Record<string, number>>}
            margin={{ top: 4, right: 4, bottom: 0, left: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ef" />
            <XAxis
              dataKey="step"
              type="number"
              domain={['dataMin', 'dataMax']}
              allowDecimals={false}
              tick={{ fontSize: 11 }}
            />
            <YAxis yAxisId="left" width={48} tick={{ fontSize: 11 }} tickFormatter={compactNumber} />
            <YAxis
              yAxisId="right"
              orientation="right"
              width={40}
              tick={{ fontSize: 11 }}
              tickFormatter={compactNumber}
            />
            <Tooltip
              isAnimationActive={false}
              labelFormatter={(step) => `step ${String(step)}`}
              formatter={(value) => (typeof value === 'number' ? compactNumber(value) : String(value))}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {LINES.map((line, k) => (
              <Line
                key={line.label}
                yAxisId={line.right ? 'right' : 'left'}
                dataKey={chartKey(k)}
                name={line.label}
                stroke={line.color}
                strokeWidth={line.dashed ? 1.5 : 1.25}
                {...(line.dashed ? { strokeDasharray: '5 4' } : {})}
                dot={false}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      )}
    </>
  );
});
