/**
 * One line per compared run, in the run's colour. `data-series` (runs with at least one point) and `data-points`
 * (points over all runs) let tests see what is drawn; each legend entry carries its own `data-points`.
 */
import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesPoint } from '../../state/charts/downsample-metrics';
import { chartKey, mergeSeriesRows } from '../../state/charts/metric-series';
import { compactNumber } from '../charts/format';

export interface ComparisonLine {
  readonly id: string;
  readonly label: string;
  readonly color: string;
  readonly points: readonly SeriesPoint[];
}

const HEIGHT = 200;

export const ComparisonChart = memo(function ComparisonChart({ testId, title, lines }: { testId: string; title: string; lines: readonly ComparisonLine[] }) {
  const rows = useMemo(() => mergeSeriesRows(lines.map((line) => line.points)), [lines]);
  const drawn = lines.filter((line) => line.points.length > 0).length;
  const points = lines.reduce((sum, line) => sum + line.points.length, 0);
  return (
    <figure className="metric-chart teaching-chart" data-testid={testId} data-series={drawn} data-points={points}>
      <figcaption>
        <span className="chart-title">{title}</span>
      </figcaption>
      <ul className="chart-legend" aria-label={`${title}: runs`}>
        {lines.map((line) => (
          <li key={line.id} className="legend-overlay" data-run={line.id} data-points={line.points.length}>
            <span className="swatch" style={{ background: line.color }} aria-hidden="true" />
            {line.label}
          </li>
        ))}
      </ul>
      {rows.length === 0 ? (
        <p className="chart-empty" style={{ height: HEIGHT }}>
          No step yet.
        </p>
      ) : (
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <LineChart data={rows as unknown as Array<Record<string, number>>} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ef" />
            <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} tick={{ fontSize: 11 }} />
            <YAxis width={48} tick={{ fontSize: 11 }} tickFormatter={compactNumber} />
            <Tooltip isAnimationActive={false} labelFormatter={(step) => `step ${String(step)}`} formatter={(value) => (typeof value === 'number' ? compactNumber(value) : String(value))} />
            {lines.map((line, k) => (
              <Line key={line.id} dataKey={chartKey(k)} name={line.label} stroke={line.color} strokeWidth={1.5} dot={{ r: 2 }} connectNulls isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
});
