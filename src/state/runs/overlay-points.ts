/**
 * How many of a stored run's points an overlay carries. A stored run keeps every point; charts draw a few hundred
 * per series, so an overlay keeps at most `MAX_OVERLAY_POINTS` whole points, chosen so the total loss keeps its
 * first and last values and each bucket's lowest and highest (a blow-up stays visible).
 */
import type { MetricPoint } from '../../protocol/metric-point';
import { downsampleMinMax } from '../charts/downsample-metrics';

/** Most metric points one overlaid run holds on the page. */
export const MAX_OVERLAY_POINTS = 1500;

/** At most `maxPoints` of `points`, in order, picked by min/max of `total` per index bucket. */
export function overlayPoints(
  points: readonly MetricPoint[],
  maxPoints: number = MAX_OVERLAY_POINTS,
): readonly MetricPoint[] {
  if (points.length <= maxPoints) return points;
  // The index stands in for the step so the downsampler's choice maps straight back to whole points.
  const picked = downsampleMinMax(
    points.map((point, index) => ({ step: index, value: point.total })),
    maxPoints,
  );
  return picked.map((pick) => points[pick.step] as MetricPoint);
}
