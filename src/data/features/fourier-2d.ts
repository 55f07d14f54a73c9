/**
 * FoldTree2's `fourier2dr` / `fourier2di`: coefficients of the 2-D DFT of the CA distance matrix
 * (numpy `fft2`) taken from four corner triangles of side 25 (the low frequencies, both signs), read in
 * row-major order of the n × n coefficient matrix, as magnitude and phase:
 *   top-left     i < 25,     j < 25,      i + j ≤ 24
 *   top-right    i < 25,     j ≥ n − 25,  i ≤ j − (n − 25)
 *   bottom-left  i ≥ n − 25, j < 25,      i − (n − 25) ≥ j
 *   bottom-right i ≥ n − 25, j ≥ n − 25,  (i − (n − 25)) + (j − (n − 25)) ≥ 24
 * For n ≥ 50 the triangles are disjoint: 4·325 = 1300 values, identical to FoldTree2. For n < 50 they
 * overlap; we take their union (each coefficient once), as FoldTree2 does for 25 ≤ n < 50, and zero-pad to
 * 1300, but keep the phase (FoldTree2 drops the imaginary part there and crashes for n < 25; the union
 * definition above is valid for every n ≥ 1).
 * Only the needed coefficients are computed: row DFT columns j < 26 come from the row spectrum, columns
 * j ≥ n − 25 from its conjugate symmetry (D is real), then one column DFT per kept coefficient.
 */
import { twiddles, type RowSpectrum } from './distance-spectrum';
import type { FourierFeatures } from './fourier-1d';

export const CORNER_SIDE = 25;
export const FOURIER_2D_VALUES = 1300;

/** Row-major (i, j) pairs of the corner-triangle union for an n × n matrix: Int32Array [i0, j0, i1, j1, ...]. */
export function cornerCoefficients(n: number, side = CORNER_SIDE): Int32Array {
  const o = n - side;
  const pairs: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const topLeft = i < side && j < side && i + j <= side - 1;
      const topRight = i < side && j >= o && i <= j - o;
      const bottomLeft = i >= o && j < side && i - o >= j;
      const bottomRight = i >= o && j >= o && i - o + (j - o) >= side - 1;
      if (topLeft || topRight || bottomLeft || bottomRight) pairs.push(i, j);
    }
    // Rows between the corners hold nothing; jump to the bottom band.
    if (i === side - 1 && o > side) i = o - 1;
  }
  return Int32Array.from(pairs);
}

/**
 * @param spectrum row spectrum with at least min(n, side + 1) coefficients per row.
 * @returns magnitude and phase, float32 (1 × size), zero beyond the corner values.
 */
export function cornerFourier(spectrum: RowSpectrum, side = CORNER_SIDE, size = FOURIER_2D_VALUES): FourierFeatures {
  const { n, count, re, im } = spectrum;
  if (count < Math.min(n, side + 1)) {
    throw new Error(`cornerFourier needs ${Math.min(n, side + 1)} row coefficients, got ${count}`);
  }
  const pairs = cornerCoefficients(n, side);
  const { cos, sin } = twiddles(n);
  const magnitude = new Float32Array(size);
  const phase = new Float32Array(size);
  const values = Math.min(size, pairs.length / 2);
  for (let v = 0; v < values; v++) {
    const i = pairs[2 * v] as number;
    const j = pairs[2 * v + 1] as number;
    // Row-DFT column j: stored directly, or the conjugate of column n − j (real input).
    const direct = j < count;
    const column = direct ? j : n - j;
    const sign = direct ? 1 : -1;
    let sumRe = 0;
    let sumIm = 0;
    let step = 0; // r·i mod n
    for (let r = 0; r < n; r++) {
      const a = re[r * count + column] as number;
      const b = sign * (im[r * count + column] as number);
      const wc = cos[step] as number;
      const ws = sin[step] as number;
      // (a + ib)(wc − i·ws)
      sumRe += a * wc + b * ws;
      sumIm += b * wc - a * ws;
      step += i;
      if (step >= n) step -= n;
    }
    magnitude[v] = Math.hypot(sumRe, sumIm);
    phase[v] = Math.atan2(sumIm, sumRe);
  }
  return { magnitude, phase };
}
