/**
 * One live line chart of a run (a `LineChartKind`): its series raw (faint) and smoothed, each overlaid run dashed
 * in its colour, a vertical marker per run event, a legend whose entries switch series on and off, a log-axis
 * toggle and CSV/JSON downloads of its series at full resolution. No animation: points arrive several times a
 * second. `data-points` (points drawn of the first series) and `data-markers` let tests see what is drawn.
 */
import { memo, useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { setLogY } from '../../state/chart-options';
import type { ChartMarker } from '../../state/chart-rows';
import { downloadChartSeries } from '../../state/metrics-download';
import { ChartDownloads } from './ChartDownloads';
import type { LineChartKind } from './chart-kinds';
import { compactNumber, formatElapsed } from './format';
import { currentRunName } from './run-name';
import { useLineChart, type DrawnLine } from './use-line-chart';

const MARKER_COLORS: Readonly<Record<ChartMarker['kind'], string>> = {
  change: '#8a5a00',
  pause: '#6b7a8f',
  resume: '#20a36b',
  fault: '#b3261e',
  checkpoint: '#3867d6',
};

const HEIGHT = 220;
const AUTO: ['auto', 'auto'] = ['auto', 'auto'];

/** A marker line with its label as the SVG title (the browser's tooltip) and a wider invisible hover target. */
function markerShape(marker: ChartMarker) {
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

export const MetricChart = memo(function MetricChart({ kind }: { kind: LineChartKind }) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const model = useLineChart(kind, hidden);
  const { series, lines, rows, markers, logY, xAxis, smoothing } = model;
  const hasRight = series.some((s) => s.right && !hidden.has(s.name));
  const toggle = (name: string) =>
    setHidden((before) => {
      const next = new Set(before);
      if (!next.delete(name)) next.add(name);
      return next;
    });
  const download = (format: 'csv' | 'json') => downloadChartSeries(currentRunName(), kind.kind, series.map((s) => s.name), format);
  return (
    <figure className={`metric-chart${kind.wide ? ' chart-wide' : ''}`} data-testid={`chart-${kind.kind}`} data-points={model.drawnPoints} data-markers={markers.length}>
      <figcaption>
        <span className="chart-title">{kind.title}</span>
        <span className="chart-options">
          <button type="button" className="button-link" data-testid={`chart-${kind.kind}-log`} aria-pressed={logY} onClick={() => setLogY(kind.kind, !logY)} title="Logarithmic or linear y axis">
            {logY ? 'log y' : 'linear y'}
          </button>
          <ChartDownloads testId={`chart-${kind.kind}`} what={kind.title} onDownload={download} disabled={!model.anyReceived} />
        </span>
      </figcaption>
      <ul className="chart-legend" aria-label={`${kind.title}: lines shown`}>
        {series.map((s) => (
          <li key={s.name}>
            <button type="button" className="legend-item" aria-pressed={!hidden.has(s.name)} onClick={() => toggle(s.name)} title={`Show or hide ${s.label}`}>
              <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
              {s.label}
              {s.right ? ' (right axis)' : ''}
            </button>
          </li>
        ))}
        {model.overlays.map((overlay) => (
          <li key={overlay.id} className="legend-overlay" title={`${overlay.name}: an earlier run, dashed`}>
            <span className="swatch swatch-dashed" style={{ borderColor: overlay.color }} aria-hidden="true" />
            {overlay.name}
          </li>
        ))}
      </ul>
      {rows.length === 0 ? (
        <p className="chart-empty" style={{ height: HEIGHT }}>
          {model.anyReceived ? (kind.noData ?? 'No finite value to draw yet.') : 'Waiting for the first step…'}
        </p>
      ) : (
        <ResponsiveContainer width="100%" height={kind.wide ? HEIGHT + 40 : HEIGHT}>
          <LineChart data={rows as unknown as Array<Record<string, number>>} margin={{ top: 4, right: hasRight ? 4 : 12, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e3e8ef" />
            <XAxis
              dataKey="x"
              type="number"
              domain={['dataMin', 'dataMax']}
              allowDecimals={false}
              tick={{ fontSize: 11 }}
              tickFormatter={xAxis === 'time' ? formatElapsed : (x: number) => String(x)}
            />
            <YAxis
              yAxisId="left"
              scale={logY ? 'log' : 'auto'}
              domain={model.leftAxis?.domain ?? AUTO}
              {...(model.leftAxis?.ticks ? { ticks: [...model.leftAxis.ticks] } : {})}
              allowDataOverflow={logY || model.leftAxis !== null}
              width={56}
              tick={{ fontSize: 11 }}
              tickFormatter={compactNumber}
            />
            {hasRight && (
              <YAxis
                yAxisId="right"
                orientation="right"
                scale={logY ? 'log' : 'auto'}
                domain={model.rightAxis?.domain ?? AUTO}
                {...(model.rightAxis?.ticks ? { ticks: [...model.rightAxis.ticks] } : {})}
                allowDataOverflow={logY || model.rightAxis !== null}
                width={48}
                tick={{ fontSize: 11 }}
                tickFormatter={compactNumber}
              />
            )}
            <Tooltip
              isAnimationActive={false}
              labelFormatter={(x) => (xAxis === 'time' ? formatElapsed(Number(x)) : `step ${String(x)}`)}
              formatter={(value) => (typeof value === 'number' ? compactNumber(value) : String(value))}
            />
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
        </ResponsiveContainer>
      )}
    </figure>
  );
});
