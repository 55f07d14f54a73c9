import { describe, expect, it } from 'vitest';
import { appendBounded, downsampleMinMax, minMaxIndices, type SeriesPoint } from './downsample-metrics';

const series = (values: readonly number[]): SeriesPoint[] => values.map((value, k) => ({ step: k + 1, value }));

describe('appendBounded', () => {
  it('keeps only the newest `capacity` items, oldest first', () => {
    expect(appendBounded([1, 2, 3], [4, 5], 4)).toEqual([2, 3, 4, 5]);
    expect(appendBounded([1, 2], [3], 10)).toEqual([1, 2, 3]);
    expect(appendBounded([1, 2], [3, 4, 5, 6, 7], 3)).toEqual([5, 6, 7]);
  });

  it('returns the same buffer when nothing is appended, and rejects a capacity below 1', () => {
    const buffer = [1, 2];
    expect(appendBounded(buffer, [], 5)).toBe(buffer);
    expect(() => appendBounded(buffer, [3], 0)).toThrow(RangeError);
  });

  it('stays at the bound over 25,000 appends in batches of 7', () => {
    let buffer: readonly number[] = [];
    let next = 0;
    while (next < 25_000) {
      buffer = appendBounded(
        buffer,
        Array.from({ length: 7 }, () => next++),
        20_000,
      );
      expect(buffer.length).toBeLessThanOrEqual(20_000);
    }
    expect(buffer.length).toBe(20_000);
    expect(buffer[0]).toBe(next - 20_000);
    expect(buffer[buffer.length - 1]).toBe(next - 1);
  });
});

describe('downsampleMinMax', () => {
  it('returns short series unchanged', () => {
    const short = series([3, 1, 2]);
    expect(downsampleMinMax(short, 500)).toBe(short);
  });

  it('draws at most maxPoints, keeps the first and last points, and stays in step order', () => {
    for (const n of [501, 1000, 4321, 20_000]) {
      const points = series(Array.from({ length: n }, (_, k) => Math.sin(k / 37) + k / n));
      const drawn = downsampleMinMax(points, 500);
      expect(drawn.length).toBeLessThanOrEqual(500);
      expect(drawn.length).toBeGreaterThan(250);
      expect(drawn[0]).toBe(points[0]);
      expect(drawn[drawn.length - 1]).toBe(points[n - 1]);
      for (let k = 1; k < drawn.length; k++)
        expect((drawn[k] as SeriesPoint).step).toBeGreaterThan((drawn[k - 1] as SeriesPoint).step);
    }
  });

  it('keeps single-step spikes and dips that a stride would skip', () => {
    const values = Array.from({ length: 10_000 }, () => 1);
    values[4_321] = 1e6; // a loss blow-up
    values[7_777] = -5; // a dip
    values[123] = 50;
    const drawn = downsampleMinMax(series(values), 100);
    expect(drawn.length).toBeLessThanOrEqual(100);
    expect(drawn.some((p) => p.step === 4_322 && p.value === 1e6)).toBe(true);
    expect(drawn.some((p) => p.step === 7_778 && p.value === -5)).toBe(true);
    expect(drawn.some((p) => p.step === 124 && p.value === 50)).toBe(true);
  });

  it('keeps the global minimum and maximum of a random series, and each bucket’s extremes', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const points = series(Array.from({ length: 3000 }, random));
    const drawn = downsampleMinMax(points, 202); // 100 buckets of 29–30 interior points
    const values = points.map((p) => p.value);
    expect(drawn.some((p) => p.value === Math.min(...values))).toBe(true);
    expect(drawn.some((p) => p.value === Math.max(...values))).toBe(true);
    const interior = points.slice(1, -1);
    for (let b = 0; b < 100; b++) {
      const bucket = interior
        .slice(Math.floor((b * 2998) / 100), Math.floor(((b + 1) * 2998) / 100))
        .map((p) => p.value);
      expect(drawn.some((p) => p.value === Math.max(...bucket))).toBe(true);
      expect(drawn.some((p) => p.value === Math.min(...bucket))).toBe(true);
    }
  });

  it('keeps the same indices through minMaxIndices as through the points', () => {
    const values = Array.from({ length: 2_345 }, (_, k) => Math.sin(k * 0.37) * (1 + (k % 17)));
    const kept = minMaxIndices(values.length, (i) => values[i] as number, 120);
    expect(kept.map((i) => i + 1)).toEqual(downsampleMinMax(series(values), 120).map((p) => p.step));
    expect(minMaxIndices(3, () => 0, 120)).toEqual([0, 1, 2]);
  });

  it('rejects a maxPoints below 4', () => {
    expect(() => downsampleMinMax(series([1, 2, 3, 4, 5]), 3)).toThrow(RangeError);
  });
});
