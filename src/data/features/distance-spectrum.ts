/**
 * Row-wise discrete Fourier transform of the CA–CA distance matrix D (D[r][c] = |CA_r − CA_c| in Å), first
 * `count` coefficients only: X[r][k] = Σ_c D[r][c] · e^(−2πi·c·k/n), numpy's `fft(D, axis=1)` convention.
 * D is never stored (n² floats would not fit for long chains in a browser tab); each row is rebuilt from
 * the coordinates. Cost O(n²·count).
 */

export interface RowSpectrum {
  /** Residue count (rows and columns of D). */
  readonly n: number;
  /** Coefficients kept per row: min(requested, n). */
  readonly count: number;
  /** float64 (n × count) real parts, row-major. */
  readonly re: Float64Array;
  /** float64 (n × count) imaginary parts, row-major. */
  readonly im: Float64Array;
}

/** cos and sin of 2π·m/n for m = 0..n−1, so every e^(−2πi·a/n) is a table lookup at a mod n. */
export function twiddles(n: number): { readonly cos: Float64Array; readonly sin: Float64Array } {
  const cos = new Float64Array(n);
  const sin = new Float64Array(n);
  for (let m = 0; m < n; m++) {
    cos[m] = Math.cos((2 * Math.PI * m) / n);
    sin[m] = Math.sin((2 * Math.PI * m) / n);
  }
  return { cos, sin };
}

/** Fills `row` with the distances from CA r to every CA. */
function distanceRow(ca: Float32Array, n: number, r: number, row: Float64Array): void {
  const x = ca[3 * r] ?? 0,
    y = ca[3 * r + 1] ?? 0,
    z = ca[3 * r + 2] ?? 0;
  for (let c = 0; c < n; c++) {
    row[c] = Math.hypot((ca[3 * c] ?? 0) - x, (ca[3 * c + 1] ?? 0) - y, (ca[3 * c + 2] ?? 0) - z);
  }
}

/**
 * @param ca float32 (n × 3) CA coordinates in Å.
 * @param count coefficients wanted per row (clamped to n).
 */
export function distanceRowSpectrum(ca: Float32Array, n: number, count: number): RowSpectrum {
  const kept = Math.min(count, n);
  const re = new Float64Array(n * kept);
  const im = new Float64Array(n * kept);
  const { cos, sin } = twiddles(n);
  const row = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    distanceRow(ca, n, r, row);
    for (let k = 0; k < kept; k++) {
      let sumRe = 0;
      let sumIm = 0;
      let phase = 0; // c·k mod n
      for (let c = 0; c < n; c++) {
        const d = row[c] as number;
        sumRe += d * (cos[phase] as number);
        sumIm -= d * (sin[phase] as number);
        phase += k;
        if (phase >= n) phase -= n;
      }
      re[r * kept + k] = sumRe;
      im[r * kept + k] = sumIm;
    }
  }
  return { n, count: kept, re, im };
}
