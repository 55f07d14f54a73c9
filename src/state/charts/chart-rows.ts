/**
 * What a line chart draws, as plain rows: every line (a run's series raw or smoothed, an earlier run's series) put
 * on one x axis — the optimizer step or the run's elapsed time — and the run's events placed on the same axis.
 */
import type { XAxisMode } from './chart-options';
import type { SeriesPoint } from './downsample-metrics';
import type { RunEvent, RunEventKind } from '../run/run-events';

/** One drawn line: its chart key (a plain identifier: recharts reads dotted keys as paths) and its points. */
export interface ChartLine {
  readonly key: string;
  readonly points: readonly SeriesPoint[];
}

/** One x position: `x` (step, or elapsed ms) and the value of each line that has a point there. */
export interface LineRow {
  readonly x: number;
  readonly [key: string]: number;
}

/** The x of `point` on `mode`'s axis; undefined when a time axis meets a point without `elapsedMs`. */
export function xOf(point: SeriesPoint, mode: XAxisMode): number | undefined {
  return mode === 'step' ? point.step : point.elapsedMs;
}

/**
 * One row per x present in any line, in ascending x, each line's value under its key. With `positiveOnly` (log
 * axes) values ≤ 0 are left out. Two points of one line at the same x (a run resumed from an earlier checkpoint
 * repeats steps) keep the later one.
 */
export function buildLineRows(lines: readonly ChartLine[], mode: XAxisMode, positiveOnly = false): LineRow[] {
  const rows = new Map<number, Record<string, number>>();
  for (const { key, points } of lines) {
    for (const point of points) {
      const x = xOf(point, mode);
      if (x === undefined || (positiveOnly && !(point.value > 0))) continue;
      let row = rows.get(x);
      if (!row) rows.set(x, (row = { x }));
      row[key] = point.value;
    }
  }
  return ([...rows.values()] as LineRow[]).sort((a, b) => a.x - b.x);
}

/** A run event placed on a chart's x axis. */
export interface ChartMarker {
  readonly x: number;
  readonly step: number;
  readonly kind: RunEventKind;
  readonly label: string;
}

/**
 * Where each event goes: at its step, or on a time axis at the elapsed time of `reference`'s point at that step
 * (or the last one before it; 0 before the first). `reference` is one of the run's series in step order.
 */
export function placeMarkers(
  events: readonly RunEvent[],
  reference: readonly SeriesPoint[],
  mode: XAxisMode,
): ChartMarker[] {
  return events.map((event) => ({
    x: mode === 'step' ? event.step : elapsedAtStep(reference, event.step),
    step: event.step,
    kind: event.kind,
    label: event.label,
  }));
}

function elapsedAtStep(points: readonly SeriesPoint[], step: number): number {
  // Binary search for the last point with step ≤ `step`.
  let low = 0;
  let high = points.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((points[mid] as SeriesPoint).step <= step) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found < 0 ? 0 : ((points[found] as SeriesPoint).elapsedMs ?? 0);
}
