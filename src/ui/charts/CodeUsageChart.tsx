/**
 * Code-usage histogram: the fraction of residues assigned to each codebook entry in the latest step's window,
 * codes by index, so collapse (a few tall bars) and revived dead codes are visible at a glance. Each overlaid run
 * adds its last point's usage in its colour. The x axis is the code, not the step, so run events are not marked.
 */
import { memo, useMemo, useRef } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { downloadCodeUsage } from '../../state/charts/metrics-download';
import { useFeedLatest } from '../../state/charts/chart-feed';
import { useRunOverlays } from '../../state/runs/run-overlays';
import { ChartDownloads } from './ChartDownloads';
import { ChartEmpty } from './ChartEmpty';
import { ChartFigure } from './ChartFigure';
import { compactNumber, compactTooltipValue } from './format';
import { currentRunName } from './run-name';
import { useChartLive } from './use-chart-live';
import { useQueuedDraw } from './use-queued-draw';

const HEIGHT = 220;

/** Bars of the latest point, redrawn with the chart feed (at most once a second while training) while on screen. */
export const CodeUsageChart = memo(function CodeUsageChart() {
  const figure = useRef<HTMLElement>(null);
  const { onScreen, live } = useChartLive(figure);
  const latest = useFeedLatest();
  const overlays = useRunOverlays((state) => state.overlays);
  const usage = latest?.codeUsage;
  const rows = useMemo(() => {
    const lastUsage = overlays.map((overlay) => overlay.points[overlay.points.length - 1]?.codeUsage ?? []);
    const codes = Math.max(usage?.length ?? 0, ...lastUsage.map((u) => u.length));
    return Array.from({ length: codes }, (_, code) => {
      const row: Record<string, number> = { code };
      if (usage?.[code] !== undefined) row['usage'] = usage[code];
      lastUsage.forEach((u, j) => {
        if (u[code] !== undefined) row[`o${j}`] = u[code];
      });
      return row;
    });
  }, [usage, overlays]);
  const plot = useMemo(() => ({ rows, overlays }), [rows, overlays]);
  const shown = useQueuedDraw(plot, live);
  return (
    <ChartFigure
      ref={figure}
      testId="chart-code-usage"
      title={`Code usage${latest ? ` at step ${latest.step}` : ''}`}
      data={{ 'data-points': usage?.length ?? 0, 'data-on-screen': onScreen }}
      caption={
        <span className="chart-options">
          <ChartDownloads
            testId="chart-code-usage"
            what="the code usage"
            onDownload={(format) => downloadCodeUsage(currentRunName(), format)}
            disabled={!latest}
          />
        </span>
      }
    >
      <CodeUsagePlot plot={shown} empty={latest ? 'This run reports no code usage.' : 'Waiting for the first step…'} />
    </ChartFigure>
  );
});

interface CodeUsagePlotProps {
  readonly plot: {
    readonly rows: ReadonlyArray<Record<string, number>>;
    readonly overlays: ReadonlyArray<{ readonly id: string; readonly name: string; readonly color: string }>;
  };
  readonly empty: string;
}

/** The bars themselves: redrawn only when their rows or the overlays change. */
const CodeUsagePlot = memo(function CodeUsagePlot({ plot: { rows, overlays }, empty }: CodeUsagePlotProps) {
  if (rows.length === 0) return <ChartEmpty height={HEIGHT}>{empty}</ChartEmpty>;
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <BarChart data={[...rows]} margin={{ top: 4, right: 12, bottom: 0, left: 0 }} barGap={0} barCategoryGap={1}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ef" vertical={false} />
        <XAxis dataKey="code" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
        <YAxis width={56} tick={{ fontSize: 11 }} tickFormatter={compactNumber} />
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(code) => `code ${String(code)}`}
          formatter={compactTooltipValue}
        />
        <Bar dataKey="usage" name="this run" fill="#3867d6" isAnimationActive={false} />
        {overlays.map((overlay, j) => (
          <Bar
            key={overlay.id}
            dataKey={`o${j}`}
            name={overlay.name}
            fill={overlay.color}
            fillOpacity={0.55}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
});
