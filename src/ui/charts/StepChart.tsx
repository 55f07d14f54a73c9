/**
 * A recharts chart over training steps as the teaching and token panels draw it: a dashed grid, an integer step
 * axis from the first row to the last, the caller's y axes, a tooltip headed `step N`, then the caller's lines.
 * Nothing animates. While there is no row, its `empty` text stands in its place at the same height.
 */
import type { ReactNode } from 'react';
import { CartesianGrid, LineChart, ResponsiveContainer, Tooltip, XAxis, type TooltipProps } from 'recharts';
import { ChartEmpty } from './ChartEmpty';

export interface StepChartProps {
  /** One object per step: `step`, and a value under each line's key. */
  readonly rows: readonly object[];
  /** Pixels. */
  readonly height: number;
  readonly empty: ReactNode;
  /** The recharts chart: `ComposedChart` where areas join the lines. */
  readonly chart?: typeof LineChart;
  /** Pixels right of the plot: fewer where a right axis stands there. */
  readonly marginRight?: number;
  readonly yAxes: ReactNode;
  /** One tooltip value as shown. */
  readonly formatValue: NonNullable<TooltipProps['formatter']>;
  /** What is drawn: lines, areas, reference lines, a legend. */
  readonly children: ReactNode;
}

export function StepChart(props: StepChartProps) {
  const { rows, height, empty, chart: Chart = LineChart, marginRight = 12, yAxes, formatValue, children } = props;
  if (rows.length === 0) return <ChartEmpty height={height}>{empty}</ChartEmpty>;
  return (
    <ResponsiveContainer width="100%" height={height}>
      <Chart data={rows} margin={{ top: 4, right: marginRight, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ef" />
        <XAxis
          dataKey="step"
          type="number"
          domain={['dataMin', 'dataMax']}
          allowDecimals={false}
          tick={{ fontSize: 11 }}
        />
        {yAxes}
        <Tooltip isAnimationActive={false} labelFormatter={(step) => `step ${String(step)}`} formatter={formatValue} />
        {children}
      </Chart>
    </ResponsiveContainer>
  );
}
