/**
 * One line per arm (its mean over seeds) in the arm's colour, over a shaded band from its lowest to its highest
 * seed, so a difference between schedules can be told from seed-to-seed noise at a glance. `data-series` (arms with
 * points) and `data-points` (band points over all arms) let tests see what is drawn.
 */
import { memo, useMemo } from 'react';
import { Area, ComposedChart, Line, YAxis } from 'recharts';
import type { BandPoint } from '../../state/teaching/comparison-summary';
import { ChartFigure } from '../charts/ChartFigure';
import { compactNumber, compactTooltipValue } from '../charts/format';
import { StepChart } from '../charts/StepChart';

export interface BandLine {
  readonly id: string;
  readonly label: string;
  readonly color: string;
  readonly points: readonly BandPoint[];
}

const HEIGHT = 200;

type Row = Record<string, number | [number, number]>;

/** One row per step: `m<k>` the mean of line k, `b<k>` its [low, high] band. */
function rowsOf(lines: readonly BandLine[]): Row[] {
  const rows = new Map<number, Row>();
  lines.forEach((line, k) => {
    for (const point of line.points) {
      const row = rows.get(point.step) ?? { step: point.step };
      row[`m${k}`] = point.mean;
      row[`b${k}`] = [point.low, point.high];
      rows.set(point.step, row);
    }
  });
  return [...rows.values()].sort((a, b) => (a['step'] as number) - (b['step'] as number));
}

export const BandChart = memo(function BandChart({
  testId,
  title,
  lines,
  bands = true,
}: {
  testId: string;
  title: string;
  lines: readonly BandLine[];
  bands?: boolean;
}) {
  const rows = useMemo(() => rowsOf(lines), [lines]);
  const drawn = lines.filter((line) => line.points.length > 0).length;
  const points = lines.reduce((sum, line) => sum + line.points.length, 0);
  return (
    <ChartFigure
      extraClass="teaching-chart"
      testId={testId}
      title={title}
      data={{ 'data-series': drawn, 'data-points': points }}
      caption={bands && <span className="hint"> line: mean over seeds; band: lowest to highest seed</span>}
    >
      <StepChart
        rows={rows}
        height={HEIGHT}
        empty="No step yet."
        chart={ComposedChart}
        yAxes={<YAxis width={48} tick={{ fontSize: 11 }} tickFormatter={compactNumber} domain={['auto', 'auto']} />}
        formatValue={(value) =>
          Array.isArray(value) ? value.map((v) => compactNumber(Number(v))).join(' – ') : compactTooltipValue(value)
        }
      >
        {bands &&
          lines.map((line, k) => (
            <Area
              key={`b${line.id}`}
              dataKey={`b${k}`}
              name={`${line.label} (seeds)`}
              stroke="none"
              fill={line.color}
              fillOpacity={0.18}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        {lines.map((line, k) => (
          <Line
            key={line.id}
            dataKey={`m${k}`}
            name={line.label}
            stroke={line.color}
            strokeWidth={1.6}
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </StepChart>
    </ChartFigure>
  );
});
