import { describe, expect, it } from 'vitest';
import { fakePoint } from '../fake-metric-points.node';
import { MAX_OVERLAY_POINTS, overlayPoints } from './overlay-points';

describe('overlayPoints', () => {
  it('keeps a short run whole', () => {
    const points = [fakePoint(1), fakePoint(2), fakePoint(3)];
    expect(overlayPoints(points, 6)).toBe(points);
  });

  it('keeps the first and last points and each bucket’s lowest and highest total', () => {
    // 10 points, at most 6: interior indices 1–8 in two buckets, 1–4 and 5–8 (worked by hand):
    // bucket 1 totals 3 9 1 4 → lowest at index 3, highest at 2; bucket 2 totals 4 2 8 6 → lowest 6, highest 7.
    const totals = [5, 3, 9, 1, 4, 4, 2, 8, 6, 7];
    const points = totals.map((total, i) => fakePoint(10 * (i + 1), { total }));
    expect(overlayPoints(points, 6).map((p) => p.step)).toEqual([10, 30, 40, 70, 80, 100]);
  });

  it('bounds a long run to MAX_OVERLAY_POINTS whole points, spike included', () => {
    const points = Array.from({ length: 20_000 }, (_, i) =>
      fakePoint(i + 1, { total: i === 12_345 ? 1e6 : 1 / (i + 1) }),
    );
    const kept = overlayPoints(points);
    expect(kept.length).toBeLessThanOrEqual(MAX_OVERLAY_POINTS);
    expect(kept[0]).toBe(points[0]);
    expect(kept.at(-1)).toBe(points.at(-1));
    expect(kept.some((p) => p.step === 12_346 && p.total === 1e6)).toBe(true);
    expect(kept.every((p, i) => i === 0 || p.step > (kept[i - 1]?.step ?? 0))).toBe(true);
  });
});
