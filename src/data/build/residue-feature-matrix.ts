/** Assembles our `res.x` encoder input in the column order of RES_X_COLUMNS (src/protocol/res-features.ts). */
import type { NodeMatrix } from '../../protocol/protein-graph';
import { RES_X_OFFSETS, RES_X_WIDTH } from '../../protocol/res-features';

export interface ResidueFeatureParts {
  readonly length: number;
  /** float32 (N × 3) phi, psi, omega in radians, 0 where undefined. */
  readonly angles: Float32Array;
  /** (N × 3) 1 where the angle is defined; undefined angles get sin = cos = 0, so they cannot pass for 0 rad. */
  readonly angleDefined: Uint8Array;
  /** float32 (N × 20) amino-acid one-hot. */
  readonly aminoAcids: Float32Array;
  /** float32 (N × 9) R_true row-major. */
  readonly rotations: Float32Array;
  /** float32 (N × 3) t_true in Å. */
  readonly translations: Float32Array;
}

/** @returns the (N × RES_X_WIDTH) float32 `res` node matrix. */
export function residueFeatureMatrix(parts: ResidueFeatureParts): NodeMatrix {
  const { length } = parts;
  const data = new Float32Array(length * RES_X_WIDTH);
  for (let i = 0; i < length; i++) {
    const row = i * RES_X_WIDTH;
    for (let a = 0; a < 3; a++) {
      const angle = parts.angles[3 * i + a] ?? 0;
      data[row + RES_X_OFFSETS.angles + a] = angle;
      if (parts.angleDefined[3 * i + a] === 1) {
        data[row + RES_X_OFFSETS.angleTrig + 2 * a] = Math.sin(angle);
        data[row + RES_X_OFFSETS.angleTrig + 2 * a + 1] = Math.cos(angle);
      }
    }
    data.set(parts.aminoAcids.subarray(20 * i, 20 * i + 20), row + RES_X_OFFSETS.aminoAcid);
    data.set(parts.rotations.subarray(9 * i, 9 * i + 9), row + RES_X_OFFSETS.frame);
    data.set(parts.translations.subarray(3 * i, 3 * i + 3), row + RES_X_OFFSETS.translation);
  }
  return { data, rows: length, cols: RES_X_WIDTH };
}
