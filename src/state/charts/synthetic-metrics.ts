/**
 * Metric points that continue a run past where it stopped, for measuring the page with a long run's worth of
 * chart data (`npm run bench`: 5,000 steps in a couple of minutes). Every series keeps its last value and
 * drifts with seeded noise; losses keep decaying and spike now and then, as real ones do.
 */
import type { MetricPoint } from '../../protocol/metric-point';
import { appendMetrics } from './metrics-store';
import { recordMetrics } from '../runs/run-recorder';

/** Deterministic noise in [−1, 1) from a step number (a small integer hash). */
function noise(step: number, salt: number): number {
  let h = (step * 2654435761 + salt * 40503) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 2246822507) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 3266489909) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 31 - 1;
}

const scaleValues = (
  values: Readonly<Record<string, number>>,
  factor: (key: string, k: number) => number,
): Record<string, number> =>
  Object.fromEntries(Object.entries(values).map(([key, value], k) => [key, value * factor(key, k)]));

/** `count` points after `last` (steps last.step + 1 …), each `stepMs` after the one before. */
export function continuePoints(last: MetricPoint, count: number): MetricPoint[] {
  const out: MetricPoint[] = [];
  let previous = last;
  for (let k = 0; k < count; k++) {
    const step = previous.step + 1;
    // Slow decay with 3 % noise, and a spike (×3) every 397 steps so downsampling has extremes to keep.
    const factor = (_key: string, salt: number) => (step % 397 === 0 ? 3 : 1) * (0.9997 + 0.03 * noise(step, salt));
    const weightedLosses = scaleValues(previous.weightedLosses, factor);
    const total = Object.values(weightedLosses).reduce((sum, value) => sum + value, 0);
    out.push({
      ...previous,
      step,
      microBatches: previous.microBatches + 1,
      elapsedMs: previous.elapsedMs + previous.stepMs,
      losses: scaleValues(previous.losses, factor),
      weightedLosses,
      total,
      gradientNorms: {
        ...previous.gradientNorms,
        global: previous.gradientNorms.global * factor('g', 90),
        encoder: previous.gradientNorms.encoder * factor('e', 91),
        decoder: previous.gradientNorms.decoder * factor('d', 92),
      },
      perplexity: Math.max(1, previous.perplexity * (1 + 0.01 * noise(step, 93))),
      stepMs: Math.max(1, previous.stepMs * (1 + 0.02 * noise(step, 94))),
    });
    // Spikes do not compound: the next point continues from the level before the spike.
    previous =
      step % 397 === 0
        ? {
            ...(out[out.length - 1] as MetricPoint),
            losses: previous.losses,
            weightedLosses: previous.weightedLosses,
            total: previous.total,
          }
        : (out[out.length - 1] as MetricPoint);
  }
  return out;
}

/** Appends points continuing `last` as a trainer's metrics event would (charts and the runs list). */
export function appendSyntheticPoints(last: MetricPoint, count: number): MetricPoint | null {
  const points = continuePoints(last, count);
  appendMetrics(points);
  recordMetrics(points);
  return points.at(-1) ?? null;
}
