/**
 * Rows for a chart whose lines are longer than it is wide: the x range cut into equal buckets (a few pixels
 * each), and every line's lowest and highest value in each bucket placed at the bucket's first and second quarter
 * (the earlier of the two first), so spikes survive and every line shares the same x positions. Lines cut
 * separately would each bring their own x values, and a chart of eight series would draw up to eight times as many
 * rows as it has pixels. Each line's first and last point keep their exact x, so the newest value sits at the end.
 */
import type { XAxisMode } from './chart-options';
import { xOf, type LineRow } from './chart-rows';
import type { SeriesPoint } from './downsample-metrics';

/** One line to place: its points, and optionally other values for them (a smoothed series), same length. */
export interface GridLine {
  readonly key: string;
  readonly points: readonly SeriesPoint[];
  readonly values?: ArrayLike<number>;
}

interface Extremes {
  lowX: number;
  low: number;
  highX: number;
  high: number;
}

/** Calls `visit(x, value)` for each drawable point of `line` (x known; with `positiveOnly`, value > 0). */
function forEachPoint(
  line: GridLine,
  mode: XAxisMode,
  positiveOnly: boolean,
  visit: (x: number, value: number, index: number) => void,
): void {
  const { points, values } = line;
  for (let i = 0; i < points.length; i++) {
    const point = points[i] as SeriesPoint;
    const x = xOf(point, mode);
    const value = values ? (values[i] as number) : point.value;
    if (x === undefined || (positiveOnly && !(value > 0))) continue;
    visit(x, value, i);
  }
}

/**
 * At most 2 × `buckets` rows plus each line's first and last point, in ascending x, each line's values under its
 * key. With `positiveOnly` (log axes) values ≤ 0 are left out.
 */
export function gridRows(
  lines: readonly GridLine[],
  mode: XAxisMode,
  buckets: number,
  positiveOnly = false,
): LineRow[] {
  if (!Number.isInteger(buckets) || buckets < 1)
    throw new RangeError(`buckets must be a positive integer, got ${buckets}`);
  let xMin = Infinity;
  let xMax = -Infinity;
  const ends = lines.map((line) => {
    let first = -1;
    let last = -1;
    forEachPoint(line, mode, positiveOnly, (x, _value, i) => {
      if (first < 0) first = i;
      last = i;
      xMin = Math.min(xMin, x);
      xMax = Math.max(xMax, x);
    });
    return { first, last };
  });
  const rows = new Map<number, Record<string, number>>();
  const put = (x: number, key: string, value: number) => {
    let row = rows.get(x);
    if (!row) rows.set(x, (row = { x }));
    row[key] = value;
  };
  const width = (xMax - xMin) / buckets || 1;
  lines.forEach((line, l) => {
    const { first, last } = ends[l] as { first: number; last: number };
    if (first < 0) return;
    const extremes = new Map<number, Extremes>();
    forEachPoint(line, mode, positiveOnly, (x, value, i) => {
      if (i === first || i === last) {
        put(x, line.key, value);
        return;
      }
      const bucket = Math.min(buckets - 1, Math.floor((x - xMin) / width));
      const e = extremes.get(bucket);
      if (!e) extremes.set(bucket, { lowX: x, low: value, highX: x, high: value });
      else {
        if (value < e.low) Object.assign(e, { low: value, lowX: x });
        if (value > e.high) Object.assign(e, { high: value, highX: x });
      }
    });
    for (const [bucket, e] of extremes) {
      const start = xMin + bucket * width;
      if (e.low === e.high) {
        put(start + width / 4, line.key, e.low);
        continue;
      }
      const [earlier, later] = e.lowX <= e.highX ? [e.low, e.high] : [e.high, e.low];
      put(start + width / 4, line.key, earlier);
      put(start + (3 * width) / 4, line.key, later);
    }
  });
  return ([...rows.values()] as LineRow[]).sort((a, b) => a.x - b.x);
}
