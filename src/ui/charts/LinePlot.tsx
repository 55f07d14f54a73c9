/**
 * The drawing of one line chart (recharts), from a `LinePlotInput` that changes only when what it draws changes:
 * memoised, so a chart whose inputs are the same does not redraw. Sized by its parent (`width`), not by a
 * container of its own; nothing animates.
 */
import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartMarker } from '../../state/charts/chart-rows';
import { renderAxisTick } from './AxisTick';
import { compactNumber, formatElapsed } from './format';
import { lineChartModel, type DrawnLine, type LinePlotInput } from './line-chart-model';

const MARKER_COLORS: Readonly<Record<ChartMarker['kind'], string>> = {
  change: '#8a5a00',
  fault: '#b3261e',
};

// Every prop below is a constant or kept per value: recharts re-registers an axis, tooltip or marker whose props
// changed identity and then recomputes the whole chart, so a new object per draw would double each redraw's cost.
const AUTO: ['auto', 'auto'] = ['auto', 'auto'];
const X_DOMAIN: ['dataMin', 'dataMax'] = ['dataMin', 'dataMax'];
const MARGIN = { top: 4, right: 12, bottom: 0, left: 0 } as const;
const MARGIN_RIGHT_AXIS = { top: 4, right: 4, bottom: 0, left: 0 } as const;
const formatStep = (x: number): string => String(x);
const stepLabel = (x: unknown): string => `step ${String(x)}`;
const timeLabel = (x: unknown): string => formatElapsed(Number(x));
const formatValue = (value: unknown): string => (typeof value === 'number' ? compactNumber(value) : String(value));

/** Pixels the y axes and margins take from the chart's width (the plot is what remains). */
export const Y_AXIS_WIDTH = { left: 56, right: 48 } as const;

type MarkerShape = (props: { x1?: number; y1?: number; x2?: number; y2?: number }) => React.JSX.Element;
const markerShapes = new Map<string, MarkerShape>();

/** The same shape function for the same marker, draw after draw. */
function markerShape(marker: ChartMarker): MarkerShape {
  const key = `${marker.kind}\n${marker.step}\n${marker.label}`;
  let shape = markerShapes.get(key);
  if (!shape) markerShapes.set(key, (shape = drawMarker(marker)));
  return shape;
}

/** A marker line with its label as the SVG title (the browser's tooltip) and a wider invisible hover target. */
function drawMarker(marker: ChartMarker): MarkerShape {
  const title = `step ${marker.step}: ${marker.label}`;
  return (props: { x1?: number; y1?: number; x2?: number; y2?: number }) => (
    <g className="chart-marker" data-kind={marker.kind}>
      <title>{title}</title>
      <line x1={props.x1} y1={props.y1} x2={props.x2} y2={props.y2} stroke={MARKER_COLORS[marker.kind]} strokeDasharray="3 3" strokeWidth={1} />
      <line x1={props.x1} y1={props.y1} x2={props.x2} y2={props.y2} stroke="transparent" strokeWidth={8} />
    </g>
  );
}

function lineStyle(line: DrawnLine, smoothing: number) {
  if (line.role === 'overlay') return { strokeWidth: 1.25, strokeDasharray: '5 3', strokeOpacity: 0.9 };
  const width = line.series.name === 'total' ? 2 : 1.25;
  if (line.role === 'raw' && smoothing > 0) return { strokeWidth: 1, strokeOpacity: 0.25 };
  return { strokeWidth: width, strokeOpacity: 1 };
}

export interface LinePlotProps {
  readonly input: LinePlotInput;
  readonly width: number;
  readonly height: number;
  /** Shown when the inputs give no row to draw. */
  readonly empty: string;
}

export const LinePlot = memo(function LinePlot({ input, width, height, empty }: LinePlotProps) {
  const model = useMemo(() => lineChartModel(input), [input]);
  const { rows, lines, markers, hasRight, leftAxis, rightAxis } = model;
  const { xAxis, logY, smoothing } = input;
  if (rows.length === 0 || width <= 0) {
    return (
      <p className="chart-empty" style={{ height }}>
        {empty}
      </p>
    );
  }
  return (
    <LineChart width={width} height={height} data={rows as unknown as Array<Record<string, number>>} margin={hasRight ? MARGIN_RIGHT_AXIS : MARGIN}>
      <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ef" />
      <XAxis dataKey="x" type="number" domain={X_DOMAIN} allowDecimals={false} tick={renderAxisTick} interval={0} tickFormatter={xAxis === 'time' ? formatElapsed : formatStep} />
      <YAxis
        yAxisId="left"
        scale={logY ? 'log' : 'auto'}
        domain={leftAxis?.domain ?? AUTO}
        {...(leftAxis?.ticks ? { ticks: [...leftAxis.ticks] } : {})}
        allowDataOverflow={logY || leftAxis !== null}
        width={Y_AXIS_WIDTH.left}
        tick={renderAxisTick} interval={0}
        tickFormatter={compactNumber}
      />
      {hasRight && (
        <YAxis
          yAxisId="right"
          orientation="right"
          scale={logY ? 'log' : 'auto'}
          domain={rightAxis?.domain ?? AUTO}
          {...(rightAxis?.ticks ? { ticks: [...rightAxis.ticks] } : {})}
          allowDataOverflow={logY || rightAxis !== null}
          width={Y_AXIS_WIDTH.right}
          tick={renderAxisTick} interval={0}
          tickFormatter={compactNumber}
        />
      )}
      <Tooltip isAnimationActive={false} labelFormatter={xAxis === 'time' ? timeLabel : stepLabel} formatter={formatValue} />
      {markers.map((marker, k) => (
        <ReferenceLine key={`marker-${k}`} x={marker.x} yAxisId="left" ifOverflow="extendDomain" shape={markerShape(marker)} />
      ))}
      {lines.map((line) => (
        <Line
          key={line.key}
          yAxisId={line.series.right && hasRight ? 'right' : 'left'}
          dataKey={line.key}
          name={line.name}
          stroke={line.color}
          {...lineStyle(line, smoothing)}
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
});
