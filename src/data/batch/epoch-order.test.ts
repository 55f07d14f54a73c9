import { describe, expect, it } from 'vitest';
import { epochOrder } from './epoch-order';

function isPermutation(order: Int32Array, n: number): boolean {
  const seen = new Uint8Array(n);
  for (const v of order) {
    if (v < 0 || v >= n || seen[v] === 1) return false;
    seen[v] = 1;
  }
  return order.length === n;
}

describe('epochOrder', () => {
  it.each([0, 1, 2, 7, 200, 5000])('is a permutation of 0…%d−1', (n) => {
    const order = epochOrder(n, 123, 4);
    expect(order).toBeInstanceOf(Int32Array);
    expect(isPermutation(order, n)).toBe(true);
  });

  it('depends on (seed, epoch) only: identical pairs agree, other epochs and seeds differ', () => {
    const a = epochOrder(200, 42, 3);
    expect(epochOrder(200, 42, 3)).toEqual(a);
    const others = [epochOrder(200, 42, 4), epochOrder(200, 43, 3), epochOrder(200, -42, 3), epochOrder(200, 3, 42)];
    for (const other of others) expect(other).not.toEqual(a);
    // Unrelated orders agree in about one place out of 200, not in a shifted pattern.
    for (const other of others) expect(other.filter((v, i) => v === a[i]).length).toBeLessThan(8);
  });

  it('draws all 6 orders of 3 items equally often over 6,000 seeds (Fisher–Yates is unbiased)', () => {
    const counts = new Map<string, number>();
    for (let seed = 0; seed < 6000; seed++) {
      const key = epochOrder(3, seed, 0).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['012', '021', '102', '120', '201', '210']);
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - 1000) ** 2 / 1000, 0);
    expect(chi2).toBeLessThan(20.52); // χ²(5) at p = 0.001
  });

  it('places each item at each position equally often (5 items, 5,000 epochs)', () => {
    const counts = new Float64Array(25);
    for (let epoch = 0; epoch < 5000; epoch++)
      epochOrder(5, 7, epoch).forEach((v, pos) => (counts[pos * 5 + v] = (counts[pos * 5 + v] ?? 0) + 1));
    const chi2 = counts.reduce((s, c) => s + (c - 1000) ** 2 / 1000, 0);
    expect(chi2).toBeLessThan(39.25); // χ²(16) at p = 0.001 (4×4 free cells of a doubly-stochastic table)
  });

  it('rejects bad arguments by name', () => {
    expect(() => epochOrder(-1, 0, 0)).toThrow(/epochOrder proteinCount must be an integer/);
    expect(() => epochOrder(3, 0.5, 0)).toThrow(/epochOrder seed must be a safe integer, got 0.5/);
    expect(() => epochOrder(3, 0, -1)).toThrow(/epochOrder epoch/);
  });
});
