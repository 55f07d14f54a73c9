/**
 * Per-residue local frames as FoldTree2's mk1 `compute_local_frame` defines them (R_true, t_true):
 *   e1 = unit(C − CA)
 *   e2 = unit((N − CA) − ((N − CA)·e1) e1)
 *   e3 = e1 × e2
 *   R  = [e1 e2 e3] as columns, stored row-major [R00 R01 R02 R10 … R22], so R·local = global direction
 *   t_i = CA_{i+1} − CA_i in the global frame, last row 0
 */
import type { BackboneCoordinates } from './secondary-structure';

export interface LocalFrames {
  /** float32 (length × 9), row-major 3×3 rotation per residue; all zeros where N, CA or C is missing. */
  readonly rotations: Float32Array;
  /** float32 (length × 3), Å; zeros on the last row and wherever either CA is missing. */
  readonly translations: Float32Array;
}

function at(a: Float32Array, k: number): number {
  return a[k] ?? NaN;
}

/** Frames and CA→next-CA displacements for every residue of a backbone. */
export function localFrames(backbone: BackboneCoordinates): LocalFrames {
  const { length, n, ca, c } = backbone;
  const rotations = new Float32Array(length * 9);
  const translations = new Float32Array(length * 3);
  for (let i = 0; i < length; i++) {
    const cx = at(ca, 3 * i),
      cy = at(ca, 3 * i + 1),
      cz = at(ca, 3 * i + 2);
    let ux = at(c, 3 * i) - cx,
      uy = at(c, 3 * i + 1) - cy,
      uz = at(c, 3 * i + 2) - cz;
    const ulen = Math.hypot(ux, uy, uz);
    ux /= ulen;
    uy /= ulen;
    uz /= ulen;
    let vx = at(n, 3 * i) - cx,
      vy = at(n, 3 * i + 1) - cy,
      vz = at(n, 3 * i + 2) - cz;
    const along = vx * ux + vy * uy + vz * uz;
    vx -= along * ux;
    vy -= along * uy;
    vz -= along * uz;
    const vlen = Math.hypot(vx, vy, vz);
    vx /= vlen;
    vy /= vlen;
    vz /= vlen;
    const wx = uy * vz - uz * vy,
      wy = uz * vx - ux * vz,
      wz = ux * vy - uy * vx;
    const frame = [ux, vx, wx, uy, vy, wy, uz, vz, wz];
    // A missing atom or collinear N–CA–C gives NaN; leave that row zero rather than poison training.
    if (frame.every(Number.isFinite)) rotations.set(frame, 9 * i);
    if (i + 1 < length) {
      const t = [at(ca, 3 * i + 3) - cx, at(ca, 3 * i + 4) - cy, at(ca, 3 * i + 5) - cz];
      if (t.every(Number.isFinite)) translations.set(t, 3 * i);
    }
  }
  return { rotations, translations };
}
