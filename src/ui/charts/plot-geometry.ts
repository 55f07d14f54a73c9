/**
 * The geometry of a line plot drawn as plain SVG: axis ranges and ticks (linear and log), value-to-pixel scales and
 * one path string per line. Pure, so it is tested; a redraw is string building over at most a few thousand values.
 */
import type { LineRow } from '../../state/charts/chart-rows';
import { niceAxis } from '../../state/charts/chart-scale';

export interface AxisRange {
  readonly domain: readonly [number, number];
  readonly ticks: readonly number[];
}

/** Ticks at whole decades, with 2× and 5× between them when the range spans less than two decades. */
export function logTicks([low, high]: readonly [number, number]): number[] {
  const first = Math.floor(Math.log10(low));
  const last = Math.ceil(Math.log10(high));
  const multiples = Math.log10(high / low) < 2 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let decade = first; decade <= last; decade++) {
    for (const m of multiples) {
      const tick = Number((m * 10 ** decade).toPrecision(12));
      if (tick >= low * (1 - 1e-9) && tick <= high * (1 + 1e-9)) ticks.push(tick);
    }
  }
  return ticks;
}

/**
 * The range of `values` for an axis: on a linear axis rounded out to round ticks (from 0 when nothing is
 * negative and the values are not far from it), on a log axis the positive values' range with decade ticks. Null
 * when no value can be drawn.
 */
export function autoRange(values: readonly number[], log: boolean): AxisRange | null {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || (log && v <= 0)) continue;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (low > high) return null;
  if (log) {
    const domain: [number, number] = low === high ? [low / 2, high * 2] : [low, high];
    return { domain, ticks: logTicks(domain) };
  }
  if (low === high) return niceAxis(low === 0 ? [-1, 1] : [low - Math.abs(low) * 0.05, high + Math.abs(high) * 0.05]);
  return niceAxis([low, high]);
}

/** Maps [d0, d1] to [r0, r1], in log10 space for a log axis. */
export function scale(
  domain: readonly [number, number],
  range: readonly [number, number],
  log: boolean,
): (v: number) => number {
  const f = log ? Math.log10 : (v: number) => v;
  const d0 = f(domain[0]);
  const span = f(domain[1]) - d0;
  const [r0, r1] = range;
  if (!(span !== 0 && Number.isFinite(span))) return () => (r0 + r1) / 2;
  return (v: number) => r0 + ((f(v) - d0) / span) * (r1 - r0);
}

const coordinate = (v: number) => (Math.round(v * 10) / 10).toString();

/**
 * The SVG path of line `key` over `rows`: rows without a finite value (or, on a log axis, without a positive one)
 * are skipped and the line joins across them, as a chart that connects gaps. Empty when no row has a value.
 */
export function linePath(
  rows: readonly LineRow[],
  key: string,
  x: (v: number) => number,
  y: (v: number) => number,
  log: boolean,
): string {
  const parts: string[] = [];
  for (const row of rows) {
    const value = row[key];
    if (value === undefined || !Number.isFinite(value) || (log && value <= 0)) continue;
    parts.push(`${parts.length === 0 ? 'M' : 'L'}${coordinate(x(row.x))},${coordinate(y(value))}`);
  }
  return parts.join('');
}

/** Index of the row whose x is nearest `target` (rows ascending in x); −1 for no rows. */
export function nearestRow(rows: readonly LineRow[], target: number): number {
  if (rows.length === 0) return -1;
  let low = 0;
  let high = rows.length - 1;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if ((rows[mid]?.x ?? 0) < target) low = mid;
    else high = mid;
  }
  return Math.abs((rows[low]?.x ?? 0) - target) <= Math.abs((rows[high]?.x ?? 0) - target) ? low : high;
}
