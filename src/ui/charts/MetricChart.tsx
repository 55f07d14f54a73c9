/**
 * One live line chart over optimizer steps: several series from the metrics store's downsampled view, a legend
 * whose entries switch lines on and off, optional log axis. No animation: new points arrive several times a second.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { chartKey, mergeSeriesRows } from '../../state/metric-series';
import { useMetricsStore, useSeriesViews } from '../../state/metrics-store';

export interface ChartSeries {
  /** Series name in the metrics store (`total`, `loss.edge`, …). */
  readonly name: string;
  readonly label: string;
  readonly color: string;
  /** Drawn against the right-hand axis (a quantity on another scale). */
  readonly right?: boolean;
}

export interface MetricChartProps {
  readonly title: string;
  readonly testId: string;
  readonly series: readonly ChartSeries[];
  readonly logScale?: boolean;
  /** The series whose drawn point count the container exposes as `data-points` (default: the first). */
  readonly countSeries?: string;
  /** Shown before the first point arrives. */
  readonly empty?: string;
  /** Shown when points arrived but none had a finite value for these series. */
  readonly noFinite?: string;
  readonly height?: number;
  /** Extra controls shown beside the title. */
  readonly children?: ReactNode;
}

function compact(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e4 || abs < 1e-2) return value.toExponential(1);
  return Number(value.toPrecision(3)).toString();
}

export function MetricChart({
  title,
  testId,
  series,
  logScale = false,
  countSeries,
  empty = 'Waiting for the first step…',
  noFinite = 'No finite value to draw yet.',
  height = 220,
  children,
}: MetricChartProps) {
  const names = useMemo(() => series.map((s) => s.name), [series]);
  const views = useSeriesViews(names);
  const anyReceived = useMetricsStore((state) => state.received > 0);
  const rows = useMemo(() => mergeSeriesRows(views, logScale), [views, logScale]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const countIndex = Math.max(0, countSeries === undefined ? 0 : names.indexOf(countSeries));
  const drawn = views[countIndex]?.length ?? 0;
  const hasRight = series.some((s) => s.right);
  const toggle = (name: string) =>
    setHidden((before) => {
      const next = new Set(before);
      if (!next.delete(name)) next.add(name);
      return next;
    });
  return (
    <figure className="metric-chart" data-testid={testId} data-points={drawn}>
      <figcaption>
        <span className="chart-title">{title}</span>
        {children}
      </figcaption>
      <ul className="chart-legend" aria-label={`${title}: lines shown`}>
        {series.map((s) => (
          <li key={s.name}>
            <button type="button" className="legend-item" aria-pressed={!hidden.has(s.name)} onClick={() => toggle(s.name)} title={`Show or hide ${s.label}`}>
              <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
              {s.label}
              {s.right ? ' (right axis)' : ''}
            </button>
          </li>
        ))}
      </ul>
      {rows.length === 0 ? (
        <p className="chart-empty" style={{ height }}>
          {anyReceived ? noFinite : empty}
        </p>
      ) : (
        <ResponsiveContainer width="100%" height={height}>
          <LineChart data={rows} margin={{ top: 4, right: hasRight ? 4 : 12, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ef" />
            <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} tick={{ fontSize: 11 }} />
            <YAxis yAxisId="left" scale={logScale ? 'log' : 'auto'} domain={['auto', 'auto']} allowDataOverflow={logScale} width={56} tick={{ fontSize: 11 }} tickFormatter={compact} />
            {hasRight && <YAxis yAxisId="right" orientation="right" domain={['auto', 'auto']} width={48} tick={{ fontSize: 11 }} tickFormatter={compact} />}
            <Tooltip
              isAnimationActive={false}
              labelFormatter={(step) => `step ${String(step)}`}
              formatter={(value) => (typeof value === 'number' ? compact(value) : String(value))}
            />
            {series.map((s, index) => (
              <Line
                key={s.name}
                yAxisId={s.right ? 'right' : 'left'}
                dataKey={chartKey(index)}
                name={s.label}
                stroke={s.color}
                strokeWidth={s.name === 'total' ? 2 : 1.25}
                dot={false}
                connectNulls
                hide={hidden.has(s.name)}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
