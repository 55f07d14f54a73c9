import { describe, expect, it } from 'vitest';
import { createRng, restoreRng, SeededRng } from './seeded-rng';

function draws(rng: SeededRng, n: number): number[] {
  return Array.from({ length: n }, () => rng.nextUint32());
}

describe('sfc32 core', () => {
  // Reference outputs from an independent Python sfc32 (PractRand's definition, 32-bit masks).
  it('matches the reference sequence from raw state words', () => {
    expect(draws(new SeededRng(1, 2, 3, 4), 6)).toEqual([7, 34, 56623200, 188882296, 3431242869, 399395954]);
    expect(draws(new SeededRng(0xdeadbeef, 0x12345678, 0xffffffff, 0), 6)).toEqual([
      4041348455, 306007115, 2004009120, 801105646, 2318212124, 252733934,
    ]);
  });

  it('seeds from a hashed key plus 12 warm-up rounds, as the Python reference does', () => {
    const rng = createRng(1, 42, 0);
    expect(rng.state()).toEqual({ algorithm: 'sfc32', words: [3187169828, 1057578140, 27275828, 13] });
    expect(draws(rng, 5)).toEqual([4244747981, 1303944212, 1849152687, 1223162036, 2771491279]);
    expect(draws(createRng(2, -1, 7, 123456789012), 5)).toEqual([
      3625371645, 2873445160, 1892879310, 3041758577, 369520719,
    ]);
  });
});

describe('state round trip', () => {
  it('resumes the exact stream from a JSON-serialised state', () => {
    const rng = createRng(7, 3, 1);
    draws(rng, 1000);
    const saved = JSON.parse(JSON.stringify(rng.state())) as unknown;
    const expected = draws(rng, 50);
    expect(draws(restoreRng(saved), 50)).toEqual(expected);
  });

  it('rejects malformed states with a message naming the source', () => {
    expect(() => restoreRng(null, 'checkpoint rng')).toThrow(/checkpoint rng: expected an object/);
    expect(() => restoreRng({ algorithm: 'mt19937', words: [1, 2, 3, 4] })).toThrow(
      /unsupported RNG algorithm "mt19937"/,
    );
    expect(() => restoreRng({ algorithm: 'sfc32', words: [1, 2, 3] })).toThrow(/'words' must be 4 integers/);
    expect(() => restoreRng({ algorithm: 'sfc32', words: [1, 2, 3, 2 ** 32] })).toThrow(/'words' must be 4 integers/);
    expect(() => restoreRng({ algorithm: 'sfc32', words: [1, 2, -3, 4] })).toThrow(/'words' must be 4 integers/);
  });
});

describe('distributions', () => {
  it('nextInt is uniform over [0, n) (chi-square, 10 bins, 100k draws)', () => {
    const rng = createRng(99);
    const counts = new Array<number>(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const v = rng.nextInt(10);
      counts[v] = (counts[v] ?? 0) + 1;
    }
    const chi2 = counts.reduce((s, c) => s + (c - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.88); // χ²(9) at p = 0.001
  });

  it('nextInt handles a bound that is not a power of two near 2^32 without bias toward low values', () => {
    const rng = createRng(5);
    const bound = 3 * 2 ** 30; // 3/4 of 2^32: plain modulo would put half the mass on [0, 2^30)
    let low = 0;
    const n = 30_000;
    for (let i = 0; i < n; i++) if (rng.nextInt(bound) < 2 ** 30) low++;
    expect(Math.abs(low / n - 1 / 3)).toBeLessThan(0.015);
  });

  it('nextFloat lies in [0, 1) with mean ≈ 1/2 and variance ≈ 1/12', () => {
    const rng = createRng(11);
    const xs = Array.from({ length: 50_000 }, () => rng.nextFloat());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.006);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it('rejects bounds outside [1, 2^32]', () => {
    const rng = createRng(1);
    expect(() => rng.nextInt(0)).toThrow(/nextInt bound must be an integer in \[1, 4294967296\], got 0/);
    expect(() => rng.nextInt(2.5)).toThrow(/got 2.5/);
  });
});

describe('stream independence', () => {
  it('keys differing in one position (seed, epoch, rank) give uncorrelated streams', () => {
    const n = 20_000;
    const floats = (rng: SeededRng): number[] => Array.from({ length: n }, () => rng.nextFloat());
    const base = floats(createRng(1, 0, 0, 0));
    for (const key of [
      [1, 1, 0, 0],
      [1, 0, 1, 0],
      [1, 0, 0, 1],
      [2, 0, 0, 0],
    ]) {
      const other = floats(createRng(...key));
      let cov = 0;
      for (let i = 0; i < n; i++) cov += ((base[i] ?? 0) - 0.5) * ((other[i] ?? 0) - 0.5);
      const correlation = cov / n / (1 / 12);
      expect(Math.abs(correlation)).toBeLessThan(0.04); // ≈ 5.6 standard errors of 1/√n
    }
  });

  it('the first outputs of consecutive seeds are spread over the whole range', () => {
    const firsts = Array.from({ length: 1000 }, (_, seed) => createRng(seed).nextFloat());
    const bins = new Array<number>(10).fill(0);
    for (const x of firsts) bins[Math.floor(x * 10)] = (bins[Math.floor(x * 10)] ?? 0) + 1;
    const chi2 = bins.reduce((s, c) => s + (c - 100) ** 2 / 100, 0);
    expect(chi2).toBeLessThan(27.88);
  });
});
