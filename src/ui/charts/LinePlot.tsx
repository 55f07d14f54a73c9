/**
 * The drawing of one live line chart as plain SVG, from a `LinePlotInput` that changes only when what it draws
 * changes: memoised, so a chart whose inputs are the same does not redraw. One `<path>` per line built from the
 * model's rows, axes and grid from `plot-geometry.ts`, event markers as dashed lines with their label as a title,
 * and a hover readout of the nearest step. A redraw is one render building a few thousand coordinates
 * (docs/decisions/chart-redraws.md: recharts' two-pass render was the long task that remained). Nothing animates.
 * Test hooks: `path.chart-line` (with `stroke` and `data-line`), `.chart-tick-x` and `.chart-tick-y` labels,
 * `g.chart-marker[data-kind]`.
 */
import { memo, useId, useMemo, useState } from 'react';
import type { ChartMarker } from '../../state/charts/chart-rows';
import { ChartEmpty } from './ChartEmpty';
import { compactNumber, formatElapsed } from './format';
import { lineChartModel, type DrawnLine, type LinePlotInput, type YRange } from './line-chart-model';
import { autoRange, linePath, nearestRow, scale, type AxisRange } from './plot-geometry';

const MARKER_COLORS: Readonly<Record<ChartMarker['kind'], string>> = {
  change: '#8a5a00',
  fault: '#b3261e',
};

/** Pixels the y axes and margins take from the chart's width (the plot is what remains). */
export const Y_AXIS_WIDTH = { left: 56, right: 48 } as const;
const TOP = 6;
const BOTTOM = 22;
const RIGHT_WITHOUT_AXIS = 12;
const GRID = '#e3e8ef';
const TICK_TEXT = '#5a6577';

function lineStyle(line: DrawnLine, smoothing: number) {
  if (line.role === 'overlay') return { strokeWidth: 1.25, strokeDasharray: '5 3', strokeOpacity: 0.9 };
  const width = line.series.name === 'total' ? 2 : 1.25;
  if (line.role === 'raw' && smoothing > 0) return { strokeWidth: 1, strokeOpacity: 0.25 };
  return { strokeWidth: width, strokeOpacity: 1 };
}

/** The model's explicit range (outliers ignored), else the values' own. */
function axisRange(explicit: YRange | null, values: readonly number[], log: boolean): AxisRange | null {
  if (explicit)
    return {
      domain: explicit.domain,
      ticks: explicit.ticks ? [...explicit.ticks] : log ? (autoRange([...explicit.domain], true)?.ticks ?? []) : [],
    };
  return autoRange(values, log);
}

function valuesOf(rows: readonly { readonly [key: string]: number }[], keys: readonly string[]): number[] {
  const values: number[] = [];
  for (const row of rows) for (const key of keys) if (row[key] !== undefined) values.push(row[key] as number);
  return values;
}

interface YTickLabelsProps {
  readonly side: 'left' | 'right';
  readonly ticks: readonly number[];
  readonly axisX: number;
  readonly y: (value: number) => number;
}

/** A y axis' tick labels beside the axis line at `axisX`: right-aligned to its left, left-aligned to its right. */
function YTickLabels({ side, ticks, axisX, y }: YTickLabelsProps) {
  return ticks.map((t) => (
    <text
      key={t}
      className="chart-tick-y"
      x={side === 'left' ? axisX - 6 : axisX + 6}
      y={y(t)}
      dy="0.355em"
      textAnchor={side === 'left' ? 'end' : 'start'}
      fontSize={11}
      fill={TICK_TEXT}
    >
      {compactNumber(t)}
    </text>
  ));
}

export interface LinePlotProps {
  readonly input: LinePlotInput;
  readonly width: number;
  readonly height: number;
  /** Shown when the inputs give no row to draw. */
  readonly empty: string;
}

export const LinePlot = memo(function LinePlot({ input, width, height, empty }: LinePlotProps) {
  const clipId = useId();
  const [hover, setHover] = useState<number | null>(null);
  const { xAxis, logY, smoothing } = input;
  const geometry = useMemo(() => {
    const model = lineChartModel(input);
    const { rows, lines, markers, hasRight } = model;
    if (rows.length === 0 || width <= 0) return null;
    const left = Y_AXIS_WIDTH.left;
    const right = width - (hasRight ? Y_AXIS_WIDTH.right : RIGHT_WITHOUT_AXIS);
    const bottom = height - BOTTOM;
    const onRight = (line: DrawnLine) => Boolean(line.series.right) && hasRight;
    const leftRange = axisRange(
      model.leftAxis,
      valuesOf(
        rows,
        lines.filter((l) => !onRight(l)).map((l) => l.key),
      ),
      logY,
    );
    const rightRange = hasRight
      ? axisRange(
          model.rightAxis,
          valuesOf(
            rows,
            lines.filter(onRight).map((l) => l.key),
          ),
          logY,
        )
      : null;
    // Markers outside the rows' x range widen it, so every event stays visible.
    const xs = [...rows.map((row) => row.x), ...markers.map((marker) => marker.x)];
    const x0 = Math.min(...xs);
    const x1 = Math.max(...xs);
    const x = scale([x0, x1], [left, right], false);
    const yLeft = leftRange ? scale(leftRange.domain, [bottom, TOP], logY) : null;
    const yRight = rightRange ? scale(rightRange.domain, [bottom, TOP], logY) : null;
    const xTicks =
      autoRange([x0, x1], false)?.ticks.filter(
        (t) => t >= x0 && t <= x1 && (xAxis === 'time' || Number.isInteger(t)),
      ) ?? [];
    const paths = lines.map((line) => {
      const y = onRight(line) ? yRight : yLeft;
      return { line, d: y ? linePath(rows, line.key, x, y, logY) : '' };
    });
    return { rows, markers, x, yLeft, yRight, leftRange, rightRange, xTicks, paths, left, right, bottom };
  }, [input, width, height, logY, xAxis]);

  if (!geometry) return <ChartEmpty height={height}>{empty}</ChartEmpty>;
  const { rows, markers, x, yLeft, yRight, leftRange, rightRange, xTicks, paths, left, right, bottom } = geometry;
  const formatX = xAxis === 'time' ? formatElapsed : (v: number) => String(v);
  const hovered = hover === null ? null : rows[hover];
  const move = (event: React.MouseEvent<SVGRectElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const px = left + ((event.clientX - box.left) / Math.max(box.width, 1)) * (right - left);
    const x0 = rows[0]?.x ?? 0;
    const x1 = rows.at(-1)?.x ?? 0;
    setHover(nearestRow(rows, x0 + ((px - left) / Math.max(right - left, 1)) * (x1 - x0)));
  };
  return (
    <div className="line-plot" style={{ position: 'relative', width, height }}>
      <svg width={width} height={height} className="line-plot-svg" role="img" aria-label="line chart">
        <defs>
          <clipPath id={clipId}>
            <rect x={left} y={TOP} width={Math.max(0, right - left)} height={Math.max(0, bottom - TOP)} />
          </clipPath>
        </defs>
        <g className="chart-grid" stroke={GRID} strokeDasharray="3 3">
          {leftRange &&
            yLeft &&
            leftRange.ticks.map((t) => <line key={`gy${t}`} x1={left} x2={right} y1={yLeft(t)} y2={yLeft(t)} />)}
          {xTicks.map((t) => (
            <line key={`gx${t}`} x1={x(t)} x2={x(t)} y1={TOP} y2={bottom} />
          ))}
        </g>
        <line x1={left} x2={right} y1={bottom} y2={bottom} stroke="#b4bcc8" />
        {xTicks.map((t) => (
          <text
            key={`tx${t}`}
            className="chart-tick-x"
            x={x(t)}
            y={bottom + 14}
            textAnchor="middle"
            fontSize={11}
            fill={TICK_TEXT}
          >
            {formatX(t)}
          </text>
        ))}
        {leftRange && yLeft && <YTickLabels side="left" ticks={leftRange.ticks} axisX={left} y={yLeft} />}
        {rightRange && yRight && <YTickLabels side="right" ticks={rightRange.ticks} axisX={right} y={yRight} />}
        <g clipPath={`url(#${clipId})`}>
          {paths.map(({ line, d }) => (
            <path
              key={line.key}
              className="chart-line"
              data-line={line.key}
              d={d}
              fill="none"
              stroke={line.color}
              {...lineStyle(line, smoothing)}
            />
          ))}
        </g>
        {markers.map((marker, k) => (
          <g key={`m${k}`} className="chart-marker" data-kind={marker.kind}>
            <title>{`step ${marker.step}: ${marker.label}`}</title>
            <line
              x1={x(marker.x)}
              x2={x(marker.x)}
              y1={TOP}
              y2={bottom}
              stroke={MARKER_COLORS[marker.kind]}
              strokeDasharray="3 3"
              strokeWidth={1}
            />
            <line x1={x(marker.x)} x2={x(marker.x)} y1={TOP} y2={bottom} stroke="transparent" strokeWidth={8} />
          </g>
        ))}
        {hovered && (
          <line
            x1={x(hovered.x)}
            x2={x(hovered.x)}
            y1={TOP}
            y2={bottom}
            stroke="#9aa5b5"
            strokeWidth={1}
            pointerEvents="none"
          />
        )}
        <rect
          x={left}
          y={TOP}
          width={Math.max(0, right - left)}
          height={Math.max(0, bottom - TOP)}
          fill="transparent"
          onMouseMove={move}
          onMouseLeave={() => setHover(null)}
        />
      </svg>
      {hovered && (
        <div
          className="chart-readout"
          style={{ left: Math.min(x(hovered.x) + 8, Math.max(left, width - 200)), top: TOP }}
        >
          <div className="chart-readout-title">{xAxis === 'time' ? formatElapsed(hovered.x) : `step ${hovered.x}`}</div>
          {paths
            .filter(({ line }) => hovered[line.key] !== undefined)
            .map(({ line }) => (
              <div key={line.key}>
                <span className="swatch" style={{ background: line.color }} aria-hidden="true" /> {line.name}:{' '}
                {compactNumber(hovered[line.key] as number)}
              </div>
            ))}
        </div>
      )}
    </div>
  );
});
