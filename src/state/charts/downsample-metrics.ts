/**
 * Pure helpers that keep chart data small: a bounded append (the newest `capacity` items) and a min/max-preserving
 * downsampler, so a chart never draws more than a few hundred points however long the run.
 */

import type { SeriesPoint } from '../../protocol/metric-point';

export type { SeriesPoint } from '../../protocol/metric-point';

/** Most points a chart draws per series. */
export const MAX_CHART_POINTS = 500;

/** Most points kept per series (and MetricPoints kept in total) before the oldest are dropped. */
export const MAX_KEPT_POINTS = 20_000;

/**
 * `buffer` followed by `items`, keeping only the newest `capacity` entries. Returns a new array; when nothing is
 * appended the same `buffer` comes back, so selectors see no change.
 */
export function appendBounded<T>(buffer: readonly T[], items: readonly T[], capacity: number): readonly T[] {
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  if (items.length === 0) return buffer;
  if (items.length >= capacity) return items.slice(items.length - capacity);
  const keep = Math.min(buffer.length, capacity - items.length);
  // A sized array filled by index: several times faster than spreading 20,000 entries on every batch.
  const out = new Array<T>(keep + items.length);
  const from = buffer.length - keep;
  for (let i = 0; i < keep; i++) out[i] = buffer[from + i] as T;
  for (let i = 0; i < items.length; i++) out[keep + i] = items[i] as T;
  return out;
}

/**
 * At most `maxPoints` points of `points` (in order): the first and the last, and for each of ⌊(maxPoints − 2) / 2⌋
 * equal index buckets in between, its lowest and highest value. Spikes (a loss blow-up, a gradient-norm burst)
 * therefore survive however many points fall in one pixel column. Series of `maxPoints` or fewer come back as is.
 */
export function downsampleMinMax(
  points: readonly SeriesPoint[],
  maxPoints: number = MAX_CHART_POINTS,
): readonly SeriesPoint[] {
  if (points.length <= maxPoints) {
    checkMaxPoints(maxPoints);
    return points;
  }
  return minMaxIndices(points.length, (i) => (points[i] as SeriesPoint).value, maxPoints).map(
    (i) => points[i] as SeriesPoint,
  );
}

/**
 * The indices `downsampleMinMax` keeps of `n` values read through `valueAt` (ascending; all of them when
 * n ≤ maxPoints). For derived values (a smoothed series) that need no point objects until they are drawn.
 */
export function minMaxIndices(
  n: number,
  valueAt: (index: number) => number,
  maxPoints: number = MAX_CHART_POINTS,
): number[] {
  checkMaxPoints(maxPoints);
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const interior = n - 2;
  const buckets = Math.floor((maxPoints - 2) / 2);
  const out = [0];
  for (let b = 0; b < buckets; b++) {
    // Interior indices 1 … n−2 split into `buckets` runs; interior ≥ buckets, so none is empty.
    const start = 1 + Math.floor((b * interior) / buckets);
    const end = 1 + Math.floor(((b + 1) * interior) / buckets);
    let low = start;
    let high = start;
    let lowValue = valueAt(start);
    let highValue = lowValue;
    for (let i = start + 1; i < end; i++) {
      const value = valueAt(i);
      if (value < lowValue) {
        low = i;
        lowValue = value;
      }
      if (value > highValue) {
        high = i;
        highValue = value;
      }
    }
    if (low === high) out.push(low);
    else out.push(Math.min(low, high), Math.max(low, high));
  }
  out.push(n - 1);
  return out;
}

function checkMaxPoints(maxPoints: number): void {
  if (!Number.isInteger(maxPoints) || maxPoints < 4)
    throw new RangeError(`maxPoints must be an integer ≥ 4, got ${maxPoints}`);
}
