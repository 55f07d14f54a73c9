/**
 * β as the run used it, over the VQ loss and the codebook perplexity (right axis), with the configured schedule
 * dashed a little ahead of the latest step: where the solid β leaves the dashed one, a live edit changed it.
 * `data-points` counts the run's β points drawn. Like the run's charts it follows the chart feed, draws at its pixel
 * width and only while on screen.
 */
import { memo, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Legend, Line, YAxis } from 'recharts';
import { useChartFeed } from '../../state/charts/chart-feed';
import { maxPointsForWidth, rawView } from '../../state/charts/chart-view';
import { commitmentCurve, previewReach } from '../../state/charts/commitment-curve';
import type { SeriesPoint } from '../../state/charts/downsample-metrics';
import { chartKey, mergeSeriesRows, SERIES, seriesName, type ChartRow } from '../../state/charts/metric-series';
import { useRunStore } from '../../state/run/run-store';
import { ChartFigure } from '../charts/ChartFigure';
import { compactNumber, compactTooltipValue } from '../charts/format';
import { StepChart } from '../charts/StepChart';
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
    <ChartFigure
      ref={figure}
      extraClass="teaching-chart"
      testId="teaching-beta-overlay"
      title="β, VQ loss and perplexity"
      data={{ 'data-points': beta?.length ?? 0, 'data-on-screen': onScreen }}
    >
      <BetaPlot rows={shown} />
    </ChartFigure>
  );
});

/** The drawing itself: redrawn only when its rows change. */
const BetaPlot = memo(function BetaPlot({ rows }: { rows: readonly ChartRow[] }) {
  return (
    <StepChart
      rows={rows}
      height={HEIGHT}
      empty="Start a run: β, the VQ loss and the perplexity appear here step by step."
      marginRight={4}
      yAxes={
        <>
          <YAxis yAxisId="left" width={48} tick={{ fontSize: 11 }} tickFormatter={compactNumber} />
          <YAxis yAxisId="right" orientation="right" width={40} tick={{ fontSize: 11 }} tickFormatter={compactNumber} />
        </>
      }
      formatValue={compactTooltipValue}
    >
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
    </StepChart>
  );
});
