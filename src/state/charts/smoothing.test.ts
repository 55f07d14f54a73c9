import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from './downsample-metrics';
import { smoothedView, smoothSeries } from './smoothing';

const series = (values: readonly number[]): SeriesPoint[] =>
  values.map((value, k) => ({ step: k + 1, value, elapsedMs: 100 * (k + 1) }));
const values = (points: readonly SeriesPoint[]) => points.map((p) => p.value);

describe('smoothSeries (debiased EMA)', () => {
  it('matches values worked by hand: [1, 2, 3] at weight 0.5 → [1, 5/3, 17/7]', () => {
    // last: 0.5, 1.25, 2.125; debias 1 − 0.5ᵗ: 0.5, 0.75, 0.875.
    const smoothed = values(smoothSeries(series([1, 2, 3]), 0.5));
    expect(smoothed[0]).toBeCloseTo(1, 15);
    expect(smoothed[1]).toBeCloseTo(5 / 3, 15);
    expect(smoothed[2]).toBeCloseTo(17 / 7, 15);
  });

  it('matches numpy’s Σ wᵗ⁻ᵏ(1−w)xₖ / (1−wᵗ) on a 10-point series at weights 0.6 and 0.9', () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    // /usr/bin/python3 + numpy 1.24, the closed form written as a sum (not the recurrence).
    const expected: Record<string, number[]> = {
      '0.6': [
        3.0000000000000004, 1.7500000000000002, 2.8979591836734695, 2.0257352941176467, 3.3157529493407356,
        5.700725026852846, 4.177802944507361, 4.9191332694550916, 4.951809260376055, 4.166336100392146,
      ],
      '0.9': [
        3.0, 1.9473684210526319, 2.70479704797048, 2.209072404768828, 2.890600962125467, 4.194470706997411,
        3.773834773073037, 4.164710463817191, 4.301066564728771, 4.101308619524479,
      ],
    };
    for (const [weight, want] of Object.entries(expected)) {
      const got = values(smoothSeries(series(x), Number(weight)));
      want.forEach((value, k) => expect(got[k]).toBeCloseTo(value, 12));
    }
  });

  it('starts at the first value and keeps a constant series exactly constant (no pull towards 0, no rounding)', () => {
    for (const constant of [7.25, 0.9, 0.1, 1e-4]) {
      for (const weight of [0.3, 0.6, 0.9, 0.99]) {
        const smoothed = values(smoothSeries(series(Array.from({ length: 300 }, () => constant)), weight));
        expect(smoothed.every((value) => value === constant)).toBe(true);
      }
    }
  });

  it('does not depend on how many points follow: a prefix smooths to the prefix of the whole', () => {
    const x = Array.from({ length: 200 }, (_, k) => Math.sin(k / 5) + k / 50);
    const whole = values(smoothSeries(series(x), 0.8));
    const prefix = values(smoothSeries(series(x.slice(0, 40)), 0.8));
    expect(prefix).toEqual(whole.slice(0, 40));
  });

  it('keeps steps and elapsed times, returns the input at weight 0, and rejects weights outside [0, 1)', () => {
    const points = series([4, 8]);
    expect(smoothSeries(points, 0)).toBe(points);
    expect(smoothSeries(points, 0.3).map((p) => [p.step, p.elapsedMs])).toEqual([
      [1, 100],
      [2, 200],
    ]);
    expect(() => smoothSeries(points, 1)).toThrow(RangeError);
    expect(() => smoothSeries(points, -0.1)).toThrow(RangeError);
    expect(() => smoothSeries(points, NaN)).toThrow(RangeError);
  });
});

describe('smoothedView', () => {
  it('smooths at full resolution, then keeps at most maxPoints with the smoothed extremes', () => {
    const x = Array.from({ length: 5_000 }, (_, k) => (k === 2_500 ? 1_000 : Math.cos(k / 40)));
    const full = smoothSeries(series(x), 0.9);
    const view = smoothedView(series(x), 0.9, 100);
    expect(view.length).toBeLessThanOrEqual(100);
    expect(view[0]).toEqual(full[0]);
    expect(view[view.length - 1]).toEqual(full[full.length - 1]);
    // Every kept point is the full-resolution smoothed point at that step, and the spike's smoothed peak survives.
    for (const point of view) expect(point).toEqual(full[point.step - 1]);
    const peak = Math.max(...full.map((p) => p.value));
    expect(view.some((p) => p.value === peak)).toBe(true);
  });

  it('at weight 0 is the plain min/max view; short series keep every point', () => {
    const points = series([5, 1, 4]);
    expect(smoothedView(points, 0, 500)).toBe(points);
    expect(values(smoothedView(points, 0.5, 500))).toEqual(values(smoothSeries(points, 0.5)));
  });
});
