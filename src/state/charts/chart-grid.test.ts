import { describe, expect, it } from 'vitest';
import { gridRows } from './chart-grid';
import type { SeriesPoint } from './downsample-metrics';

const series = (n: number, value: (k: number) => number): SeriesPoint[] =>
  Array.from({ length: n }, (_, k) => ({ step: k + 1, value: value(k), elapsedMs: 1000 * (k + 1) }));

describe('gridRows', () => {
  it('puts long lines on shared x positions: at most two per bucket plus each line’s ends', () => {
    const a = series(5_000, (k) => Math.sin(k / 10));
    const b = series(5_000, (k) => Math.cos(k / 7));
    const rows = gridRows(
      [
        { key: 'r0', points: a },
        { key: 'r1', points: b },
      ],
      'step',
      100,
    );
    expect(rows.length).toBeLessThanOrEqual(2 * 100 + 2);
    expect(rows[0]).toMatchObject({ x: 1, r0: a[0]?.value, r1: b[0]?.value });
    expect(rows.at(-1)).toMatchObject({ x: 5_000, r0: a.at(-1)?.value, r1: b.at(-1)?.value });
    // Both lines share the interior rows.
    expect(rows.slice(1, -1).every((row) => 'r0' in row && 'r1' in row)).toBe(true);
    expect(rows.map((row) => row.x)).toEqual([...rows.map((row) => row.x)].sort((p, q) => p - q));
  });

  it('keeps a spike and each bucket’s low, the earlier one first', () => {
    const points = series(1_000, (k) => (k === 500 ? 100 : k === 505 ? -100 : 1));
    const rows = gridRows([{ key: 'r0', points }], 'step', 50);
    const values = rows.map((row) => row.r0);
    expect(values).toContain(100);
    expect(values).toContain(-100);
    expect(values.indexOf(100)).toBeLessThan(values.indexOf(-100));
  });

  it('uses given values (a smoothed series), the time axis, and leaves out non-positive values on log axes', () => {
    const points = series(300, (k) => k - 10);
    const doubled = Float64Array.from(points, (p) => 2 * p.value);
    const rows = gridRows([{ key: 'm0', points, values: doubled }], 'time', 20, true);
    expect(rows[0]).toEqual({ x: 12_000, m0: 2 });
    expect(rows.at(-1)).toEqual({ x: 300_000, m0: 2 * 289 });
    expect(rows.every((row) => (row.m0 ?? 1) > 0)).toBe(true);
  });

  it('draws nothing for empty lines and copes with one point', () => {
    expect(gridRows([{ key: 'r0', points: [] }], 'step', 10)).toEqual([]);
    expect(gridRows([{ key: 'r0', points: [{ step: 3, value: 4 }] }], 'step', 10)).toEqual([{ x: 3, r0: 4 }]);
    expect(() => gridRows([], 'step', 0)).toThrow(RangeError);
  });
});
