/**
 * The progress line's numbers: optimizer steps per second over the most recent points (so a pause or the first
 * steps' shader compiles do not skew it for long) and the time left at that rate.
 */
import type { MetricPoint } from '../../protocol/metric-point';

export interface RunProgress {
  /** Steps per second of training time over the window; NaN with fewer than two points. */
  readonly stepsPerSecond: number;
  /** Seconds to `totalSteps` at that rate; NaN when unknown. */
  readonly etaSeconds: number;
}

/** `points` oldest first; the rate uses the last `window` of them and their `elapsedMs` (training time only). */
export function runProgress(points: readonly MetricPoint[], totalSteps: number, window = 20): RunProgress {
  const recent = points.slice(-window);
  const first = recent[0];
  const last = recent.at(-1);
  if (!first || !last || last.step === first.step || last.elapsedMs <= first.elapsedMs)
    return { stepsPerSecond: NaN, etaSeconds: NaN };
  const stepsPerSecond = ((last.step - first.step) * 1000) / (last.elapsedMs - first.elapsedMs);
  return { stepsPerSecond, etaSeconds: Math.max(0, totalSteps - last.step) / stepsPerSecond };
}

/** "2 h 5 min", "3 min 20 s", "45 s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s % 60} s` : `${s % 60} s`;
}
