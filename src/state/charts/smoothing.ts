/**
 * TensorBoard's debiased exponential moving average, the smoothing users of training dashboards expect. A plain
 * EMA started at 0 drags the first points towards 0; dividing by 1 − wᵗ removes that bias, so the curve starts at
 * the first value and a constant series stays constant.
 */
import { downsampleMinMax, minMaxIndices, type SeriesPoint } from './downsample-metrics';

/** Largest smoothing weight the charts offer: at 1 the curve would never move. */
export const MAX_SMOOTHING = 0.99;

/**
 * The values of `points` smoothed with weight `weight` ∈ [0, 1): for the t-th point (t = 1, 2, …)
 * `last = weight · last + (1 − weight) · value` from `last = 0`, and the smoothed value is `last / (1 − weightᵗ)`
 * (kept within the range of the values so far, which it can leave only by rounding).
 */
export function smoothedValues(points: readonly SeriesPoint[], weight: number): Float64Array {
  if (!(weight >= 0 && weight < 1)) throw new RangeError(`smoothing weight must be in [0, 1), got ${weight}`);
  const out = new Float64Array(points.length);
  let last = 0;
  let decay = 1; // weightᵗ
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < points.length; i++) {
    const value = (points[i] as SeriesPoint).value;
    last = weight * last + (1 - weight) * value;
    // Once wᵗ is far below 2⁻⁵³, 1 − wᵗ is exactly 1; stopping there avoids slow subnormal arithmetic.
    decay = decay > 1e-300 ? decay * weight : 0;
    // The debiased average is a weighted mean of the values so far, so it lies within their range; clamping only
    // removes rounding, which would otherwise turn a constant series (β, the loss scale) into visible wiggles.
    low = Math.min(low, value);
    high = Math.max(high, value);
    out[i] = Math.min(high, Math.max(low, last / (1 - decay)));
  }
  return out;
}

/** `points` with smoothed values (steps and `elapsedMs` kept); weight 0 returns `points` itself. */
export function smoothSeries(points: readonly SeriesPoint[], weight: number): readonly SeriesPoint[] {
  const values = smoothedValues(points, weight);
  if (weight === 0) return points;
  return points.map((point, i) => ({ ...point, value: values[i] as number }));
}

/**
 * `points` smoothed, then downsampled like the chart view (at most `maxPoints`, extremes kept). Smoothing runs on
 * the full-resolution series: smoothing a downsampled view would make the window depend on how long the run has
 * become. Only the kept points are allocated, which keeps a 20,000-point series cheap on every batch.
 */
export function smoothedView(
  points: readonly SeriesPoint[],
  weight: number,
  maxPoints: number,
): readonly SeriesPoint[] {
  const values = smoothedValues(points, weight);
  if (weight === 0) return downsampleMinMax(points, maxPoints);
  return minMaxIndices(points.length, (i) => values[i] as number, maxPoints).map((i) => ({
    ...(points[i] as SeriesPoint),
    value: values[i] as number,
  }));
}
