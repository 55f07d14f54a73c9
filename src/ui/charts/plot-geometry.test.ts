import { describe, expect, test } from 'vitest';
import { autoRange, linePath, logTicks, nearestRow, scale } from './plot-geometry';

describe('plot geometry', () => {
  test('autoRange: round linear ticks around the values; decades on a log axis; null without values', () => {
    // 0.8 … 4.3: step 1 (span 3.5 / 5 = 0.7 → 1), from 0 to 5.
    expect(autoRange([4.3, 0.8, 2], false)).toEqual({ domain: [0, 5], ticks: [0, 1, 2, 3, 4, 5] });
    expect(autoRange([NaN, Infinity], false)).toBeNull();
    expect(autoRange([-1, 0], true)).toBeNull();
    expect(autoRange([0.02, 3, -5], true)).toEqual({ domain: [0.02, 3], ticks: [0.1, 1] });
    expect(autoRange([2, 2], false)?.domain[0]).toBeLessThan(2);
  });

  test('logTicks: 1-2-5 within a short range, decades over a long one', () => {
    expect(logTicks([1.5, 30])).toEqual([2, 5, 10, 20]);
    expect(logTicks([0.001, 10])).toEqual([0.001, 0.01, 0.1, 1, 10]);
  });

  test('scale: linear and log maps, hand values', () => {
    const x = scale([0, 10], [50, 150], false);
    expect([x(0), x(2.5), x(10)]).toEqual([50, 75, 150]);
    const y = scale([1, 100], [200, 0], true);
    expect([y(1), y(10), y(100)]).toEqual([200, 100, 0]);
    expect(scale([3, 3], [0, 10], false)(3)).toBe(5);
  });

  test('linePath joins across gaps and leaves out what the axis cannot show', () => {
    const rows = [{ x: 0, a: 1 }, { x: 1 }, { x: 2, a: 3 }, { x: 3, a: NaN }, { x: 4, a: -1 }];
    const x = (v: number) => v * 10;
    const y = (v: number) => 100 - v;
    expect(linePath(rows, 'a', x, y, false)).toBe('M0,99L20,97L40,101');
    expect(linePath(rows, 'a', x, y, true)).toBe('M0,99L20,97');
    expect(linePath(rows, 'b', x, y, false)).toBe('');
  });

  test('nearestRow: binary search on ascending x', () => {
    const rows = [0, 10, 20, 30].map((x) => ({ x }));
    expect([-5, 4, 6, 15.1, 29, 99].map((t) => nearestRow(rows, t))).toEqual([0, 0, 1, 2, 3, 3]);
    expect(nearestRow([], 3)).toBe(-1);
  });
});
