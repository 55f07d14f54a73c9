/**
 * The coordinator's metric points on their way to the page: kept until `flushMs` have passed since the last message,
 * then posted as one `metrics` event, so the page hears a few messages a second however fast steps are.
 */
import type { MetricPoint } from '../../protocol/metric-point';

export interface MetricBatcher {
  add(point: MetricPoint): void;
  /** Posts what is kept if `flushMs` have passed, or at once with `force`. */
  flush(force?: boolean): void;
}

export function metricBatcher(
  post: (points: readonly MetricPoint[]) => void,
  now: () => number,
  flushMs: number,
): MetricBatcher {
  let pending: MetricPoint[] = [];
  let lastFlush = 0;
  return {
    add(point) {
      pending.push(point);
    },
    flush(force = false) {
      if (pending.length === 0 || (!force && now() - lastFlush < flushMs)) return;
      post(pending);
      pending = [];
      lastFlush = now();
    },
  };
}
