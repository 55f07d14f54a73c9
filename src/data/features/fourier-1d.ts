/**
 * FoldTree2's `fourier1dr` / `fourier1di`: magnitude and phase (radians, numpy `angle`) of the first 80
 * row-DFT coefficients of the CA distance matrix. FoldTree2 stores magnitude/phase under the names "r"/"i".
 * For n < 80 FoldTree2 copies the complex row into a real array and loses the imaginary part; we keep the
 * n true coefficients and zero-pad (magnitude 0, phase 0) up to 80.
 */
import type { RowSpectrum } from './distance-spectrum';

export const FOURIER_1D_COEFFICIENTS = 80;

export interface FourierFeatures {
  /** float32, row-major; |X|. */
  readonly magnitude: Float32Array;
  /** float32, row-major; atan2(Im X, Re X) in (−π, π]. */
  readonly phase: Float32Array;
}

/** @returns (n × width) magnitude and phase, width = FOURIER_1D_COEFFICIENTS by default. */
export function rowFourier(spectrum: RowSpectrum, width = FOURIER_1D_COEFFICIENTS): FourierFeatures {
  const { n, count, re, im } = spectrum;
  const magnitude = new Float32Array(n * width);
  const phase = new Float32Array(n * width);
  const used = Math.min(width, count);
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < used; k++) {
      const a = re[r * count + k] as number;
      const b = im[r * count + k] as number;
      magnitude[r * width + k] = Math.hypot(a, b);
      phase[r * width + k] = Math.atan2(b, a);
    }
  }
  return { magnitude, phase };
}
