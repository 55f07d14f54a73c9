/**
 * FoldTree2's sinusoidal residue-position code (`get_positional_encoding`):
 *   PE[p, 2k]   = sin(p · base^(−2k/dim))
 *   PE[p, 2k+1] = cos(p · base^(−2k/dim))
 * with base 10 (not the transformer's 10000), so frequencies run from 1 down to ~0.1 rad per residue.
 */

export const POSITION_CODE_DIM = 256;
export const POSITION_CODE_BASE = 10;

/** @returns float32 (length × dim) row-major; `dim` must be even. */
export function positionEncoding(length: number, dim = POSITION_CODE_DIM, base = POSITION_CODE_BASE): Float32Array {
  if (dim % 2 !== 0) throw new Error(`position code dimension must be even, got ${dim}`);
  const out = new Float32Array(length * dim);
  const frequencies = Array.from({ length: dim / 2 }, (_, k) => Math.exp(-(2 * k) * (Math.log(base) / dim)));
  for (let p = 0; p < length; p++) {
    for (let k = 0; k < dim / 2; k++) {
      const angle = p * (frequencies[k] ?? 0);
      out[p * dim + 2 * k] = Math.sin(angle);
      out[p * dim + 2 * k + 1] = Math.cos(angle);
    }
  }
  return out;
}
