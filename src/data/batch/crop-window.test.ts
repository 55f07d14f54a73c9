import { describe, expect, it } from 'vitest';
import { cropWindow } from './crop-window';

describe('cropWindow', () => {
  it('keeps short and exactly-fitting chains whole', () => {
    expect(cropWindow(5, 8, 1, 0, 'a')).toEqual({ start: 0, end: 5 });
    expect(cropWindow(8, 8, 1, 0, 'a')).toEqual({ start: 0, end: 8 });
    expect(cropWindow(0, 8, 1, 0, 'a')).toEqual({ start: 0, end: 0 });
    expect(cropWindow(5000, Number.POSITIVE_INFINITY, 1, 0, 'a')).toEqual({ start: 0, end: 5000 });
  });

  it('returns in-range windows of exactly maxLength residues for long chains', () => {
    for (let length = 9; length < 60; length += 7) {
      for (let seed = 0; seed < 50; seed++) {
        const w = cropWindow(length, 8, seed, seed % 3, `p${length}`);
        expect(w.end - w.start).toBe(8);
        expect(w.start).toBeGreaterThanOrEqual(0);
        expect(w.end).toBeLessThanOrEqual(length);
      }
    }
  });

  it('is deterministic in (seed, epoch, id) and changes with each of them', () => {
    const w = (seed: number, epoch: number, id: string): number => cropWindow(1000, 10, seed, epoch, id).start;
    expect(w(3, 1, '1a5z_A')).toBe(w(3, 1, '1a5z_A'));
    const starts = (f: (k: number) => number): number => new Set(Array.from({ length: 20 }, (_, k) => f(k))).size;
    expect(starts((k) => w(k, 1, '1a5z_A'))).toBeGreaterThan(15);
    expect(starts((k) => w(3, k, '1a5z_A'))).toBeGreaterThan(15);
    expect(starts((k) => w(3, 1, `id${k}`))).toBeGreaterThan(15);
  });

  it('is uniform over the valid starts, including both ends (chi-square over ids and over seeds)', () => {
    const count = (pick: (k: number) => number): number[] => {
      const bins = new Array<number>(5).fill(0);
      for (let k = 0; k < 5000; k++) bins[pick(k)] = (bins[pick(k)] ?? 0) + 1;
      return bins;
    };
    const chi2 = (bins: number[]): number => bins.reduce((s, c) => s + (c - 1000) ** 2 / 1000, 0);
    // 20 residues cropped to 16: starts 0…4.
    const overIds = count((k) => cropWindow(20, 16, 42, 0, `protein-${k}`).start);
    const overSeeds = count((k) => cropWindow(20, 16, k, 0, '1a5z_A').start);
    for (const bins of [overIds, overSeeds]) {
      expect(bins.every((c) => c > 0)).toBe(true);
      expect(chi2(bins)).toBeLessThan(18.47); // χ²(4) at p = 0.001
    }
  });

  it('rejects bad arguments by name', () => {
    expect(() => cropWindow(10, 0, 0, 0, 'x')).toThrow(
      /cropWindow maxLength must be a positive integer or Infinity, got 0/,
    );
    expect(() => cropWindow(10, 2.5, 0, 0, 'x')).toThrow(/maxLength/);
    expect(() => cropWindow(-1, 5, 0, 0, '7abc_B')).toThrow(/cropWindow length of 7abc_B/);
    expect(() => cropWindow(10, 5, 0, -2, 'x')).toThrow(/cropWindow epoch/);
  });
});
