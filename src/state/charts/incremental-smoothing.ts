/**
 * TensorBoard's debiased EMA (`smoothedValues`) kept up to date as a series grows: the values already smoothed
 * are kept with the average's state, and a longer version of the same series (the metrics store appends; the
 * points already there are the same objects) costs only its new points. A series whose start moved (the oldest
 * points dropped at the store's bound) or that was replaced is smoothed again from its first point.
 */
import type { SeriesPoint } from './downsample-metrics';

interface Smoothed {
  values: Float64Array;
  length: number;
  /** The point at `length − 1`: a longer array with this point there continues this series. */
  lastPoint: SeriesPoint | undefined;
  last: number;
  decay: number;
  low: number;
  high: number;
}

/** Per series, by its first point (a new start is a new series); per weight. */
const cache = new WeakMap<SeriesPoint, Map<number, Smoothed>>();

function fresh(capacity: number): Smoothed {
  return {
    values: new Float64Array(Math.max(16, capacity)),
    length: 0,
    lastPoint: undefined,
    last: 0,
    decay: 1,
    low: Infinity,
    high: -Infinity,
  };
}

/** Smooths points[s.length …] into `s`, exactly as `smoothedValues` does from the start. */
function extend(s: Smoothed, points: readonly SeriesPoint[], weight: number): void {
  if (points.length > s.values.length) {
    const grown = new Float64Array(Math.max(points.length, s.values.length * 2));
    grown.set(s.values.subarray(0, s.length));
    s.values = grown;
  }
  let { last, decay, low, high } = s;
  for (let i = s.length; i < points.length; i++) {
    const value = (points[i] as SeriesPoint).value;
    last = weight * last + (1 - weight) * value;
    decay = decay > 1e-300 ? decay * weight : 0;
    low = Math.min(low, value);
    high = Math.max(high, value);
    s.values[i] = Math.min(high, Math.max(low, last / (1 - decay)));
  }
  Object.assign(s, { last, decay, low, high, length: points.length, lastPoint: points[points.length - 1] });
}

/**
 * The smoothed values of `points` with weight ∈ [0, 1), equal to `smoothedValues(points, weight)`; the returned
 * array is the cache's (read it before the series grows again, never write to it). Length `points.length`.
 */
export function smoothedValuesIncremental(points: readonly SeriesPoint[], weight: number): Float64Array {
  if (!(weight >= 0 && weight < 1)) throw new RangeError(`smoothing weight must be in [0, 1), got ${weight}`);
  const first = points[0];
  if (first === undefined) return new Float64Array(0);
  let byWeight = cache.get(first);
  if (!byWeight) cache.set(first, (byWeight = new Map()));
  let s = byWeight.get(weight);
  const continues = s !== undefined && s.length <= points.length && points[s.length - 1] === s.lastPoint;
  if (!s || !continues) byWeight.set(weight, (s = fresh(points.length)));
  if (s.length < points.length) extend(s, points, weight);
  return s.values.subarray(0, points.length);
}
