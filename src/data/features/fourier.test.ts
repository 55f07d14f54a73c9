import { describe, expect, it } from 'vitest';
import { distanceRowSpectrum } from './distance-spectrum';
import { rowFourier } from './fourier-1d';
import { cornerCoefficients, cornerFourier } from './fourier-2d';

/** Deterministic pseudo-random CA trace (a crude random walk) of n residues. */
function trace(n: number): Float32Array {
  const ca = new Float32Array(n * 3);
  let seed = 7;
  const rand = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
  for (let i = 1; i < n; i++) {
    for (let a = 0; a < 3; a++) ca[3 * i + a] = (ca[3 * (i - 1) + a] ?? 0) + 2.2 * rand();
  }
  return ca;
}

/** The 2-D DFT coefficient (i, j) straight from its definition, O(n²) per coefficient. */
function bruteForce2d(ca: Float32Array, n: number, i: number, j: number): [number, number] {
  let re = 0,
    im = 0;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const d = Math.hypot(
        (ca[3 * r] ?? 0) - (ca[3 * c] ?? 0),
        (ca[3 * r + 1] ?? 0) - (ca[3 * c + 1] ?? 0),
        (ca[3 * r + 2] ?? 0) - (ca[3 * c + 2] ?? 0),
      );
      const angle = (-2 * Math.PI * (r * i + c * j)) / n;
      re += d * Math.cos(angle);
      im += d * Math.sin(angle);
    }
  }
  return [re, im];
}

describe('cornerCoefficients', () => {
  it('has 4 × 325 = 1300 disjoint coefficients for n ≥ 50, in row-major order', () => {
    for (const n of [50, 51, 80, 300]) {
      const pairs = cornerCoefficients(n);
      expect(pairs.length / 2).toBe(1300);
      const flat = Array.from(
        { length: pairs.length / 2 },
        (_, k) => (pairs[2 * k] ?? 0) * n + (pairs[2 * k + 1] ?? 0),
      );
      expect(flat).toEqual([...flat].sort((a, b) => a - b));
      expect(new Set(flat).size).toBe(1300);
    }
  });

  it('takes the union of overlapping triangles for n < 50 (each coefficient once)', () => {
    // n ≤ 25: every coefficient is in some triangle (e.g. top-right covers i ≤ j + 25 − n).
    expect(cornerCoefficients(10).length / 2).toBe(100);
    expect(cornerCoefficients(25).length / 2).toBe(625);
    const n = 40;
    const pairs = cornerCoefficients(n);
    expect(pairs.length / 2).toBeLessThan(1300);
    expect(pairs.length / 2).toBeGreaterThan(325);
  });
});

describe('row and corner Fourier features', () => {
  it.each([7, 30, 61])('agree with the DFT definition for n = %d', (n) => {
    const ca = trace(n);
    const spectrum = distanceRowSpectrum(ca, n, 80);
    const oneD = rowFourier(spectrum);
    // Row 3, coefficient 2 from the definition.
    let re = 0,
      im = 0;
    for (let c = 0; c < n; c++) {
      const d = Math.hypot(
        (ca[9] ?? 0) - (ca[3 * c] ?? 0),
        (ca[10] ?? 0) - (ca[3 * c + 1] ?? 0),
        (ca[11] ?? 0) - (ca[3 * c + 2] ?? 0),
      );
      re += d * Math.cos((-2 * Math.PI * c * 2) / n);
      im += d * Math.sin((-2 * Math.PI * c * 2) / n);
    }
    expect(oneD.magnitude[3 * 80 + 2]).toBeCloseTo(Math.hypot(re, im), 3);
    expect(oneD.phase[3 * 80 + 2]).toBeCloseTo(Math.atan2(im, re), 5);
    // Coefficients past n are zero padding (phase kept for the real ones).
    if (n < 80) expect(oneD.magnitude[3 * 80 + n]).toBe(0);

    const twoD = cornerFourier(spectrum);
    const pairs = cornerCoefficients(n);
    for (const v of [0, 5, pairs.length / 2 - 1]) {
      const [wantRe, wantIm] = bruteForce2d(ca, n, pairs[2 * v] ?? 0, pairs[2 * v + 1] ?? 0);
      const m = twoD.magnitude[v] ?? NaN,
        ph = twoD.phase[v] ?? NaN;
      const scale = Math.max(1, Math.hypot(wantRe, wantIm));
      expect(Math.hypot(m * Math.cos(ph) - wantRe, m * Math.sin(ph) - wantIm) / scale).toBeLessThan(1e-5);
    }
    const values = pairs.length / 2;
    if (n < 50) expect(Array.from(twoD.magnitude.subarray(values)).every((m) => m === 0)).toBe(true);
    else expect(twoD.magnitude[1299]).toBeGreaterThan(0);
    expect(values).toBe(n < 50 ? Math.min(values, n * n) : 1300);
  });
});
