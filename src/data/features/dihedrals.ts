/**
 * Backbone dihedrals phi/psi/omega per residue, Bio.PDB's convention (`calc_dihedral`, IUPAC sign), in
 * radians in (−π, π]:
 *   phi_i   = dihedral(C_{i−1}, N_i, CA_i, C_i)
 *   psi_i   = dihedral(N_i, CA_i, C_i, N_{i+1})
 *   omega_i = dihedral(CA_i, C_i, N_{i+1}, CA_{i+1})   (the peptide bond *after* residue i, as FoldTree2's
 *             mk1 `get_angles` stores it; Bio.PDB's internal_coords files the same angle under residue i+1)
 * An angle is 0 where it is undefined: chain ends, a missing atom, or a chain break (C_{i}–N_{i+1} longer than
 * PEPTIDE_BOND_MAX_ANGSTROM, e.g. across unresolved residues).
 */
import type { BackboneCoordinates } from './secondary-structure';

/** Longest C–N distance (Å) still read as a peptide bond; real bonds are 1.33 Å, gaps are ≥ 3 Å. */
export const PEPTIDE_BOND_MAX_ANGSTROM = 2.0;

/**
 * Dihedral angle (radians, (−π, π]) of the points p0..p3, each given as (array, residue index) into a
 * flat xyz array. NaN when a point is missing (NaN coordinates) or the geometry is degenerate.
 */
export function dihedral(
  a0: Float32Array,
  i0: number,
  a1: Float32Array,
  i1: number,
  a2: Float32Array,
  i2: number,
  a3: Float32Array,
  i3: number,
): number {
  const b1x = (a1[3 * i1] ?? NaN) - (a0[3 * i0] ?? NaN);
  const b1y = (a1[3 * i1 + 1] ?? NaN) - (a0[3 * i0 + 1] ?? NaN);
  const b1z = (a1[3 * i1 + 2] ?? NaN) - (a0[3 * i0 + 2] ?? NaN);
  const b2x = (a2[3 * i2] ?? NaN) - (a1[3 * i1] ?? NaN);
  const b2y = (a2[3 * i2 + 1] ?? NaN) - (a1[3 * i1 + 1] ?? NaN);
  const b2z = (a2[3 * i2 + 2] ?? NaN) - (a1[3 * i1 + 2] ?? NaN);
  const b3x = (a3[3 * i3] ?? NaN) - (a2[3 * i2] ?? NaN);
  const b3y = (a3[3 * i3 + 1] ?? NaN) - (a2[3 * i2 + 1] ?? NaN);
  const b3z = (a3[3 * i3 + 2] ?? NaN) - (a2[3 * i2 + 2] ?? NaN);
  // n1 = b1 × b2, n2 = b2 × b3; angle = atan2(|b2| b1·n2, n1·n2).
  const n1x = b1y * b2z - b1z * b2y;
  const n1y = b1z * b2x - b1x * b2z;
  const n1z = b1x * b2y - b1y * b2x;
  const n2x = b2y * b3z - b2z * b3y;
  const n2y = b2z * b3x - b2x * b3z;
  const n2z = b2x * b3y - b2y * b3x;
  const b2len = Math.hypot(b2x, b2y, b2z);
  const y = b2len * (b1x * n2x + b1y * n2y + b1z * n2z);
  const x = n1x * n2x + n1y * n2y + n1z * n2z;
  if (!Number.isFinite(x) || !Number.isFinite(y) || (x === 0 && y === 0)) return NaN;
  return Math.atan2(y, x);
}

/** Distance (Å) between atom i of `a` and atom j of `b`; NaN when either is missing. */
export function atomDistance(a: Float32Array, i: number, b: Float32Array, j: number): number {
  return Math.hypot(
    (a[3 * i] ?? NaN) - (b[3 * j] ?? NaN),
    (a[3 * i + 1] ?? NaN) - (b[3 * j + 1] ?? NaN),
    (a[3 * i + 2] ?? NaN) - (b[3 * j + 2] ?? NaN),
  );
}

/** True when residue i's C and residue i+1's N are both present and bonded. */
export function peptideBonded(backbone: BackboneCoordinates, i: number): boolean {
  return atomDistance(backbone.c, i, backbone.n, i + 1) <= PEPTIDE_BOND_MAX_ANGSTROM;
}

export interface BackboneDihedrals {
  /** float32 (length × 3) row-major [phi, psi, omega] in radians, 0 where undefined. */
  readonly angles: Float32Array;
  /** (length × 3) 1 where the angle is defined, 0 where it is not (see file comment). */
  readonly defined: Uint8Array;
}

/** phi/psi/omega of every residue of a backbone. */
export function backboneDihedrals(backbone: BackboneCoordinates): BackboneDihedrals {
  const { length, n, ca, c } = backbone;
  const angles = new Float32Array(length * 3);
  const defined = new Uint8Array(length * 3);
  const put = (k: number, angle: number): void => {
    if (Number.isNaN(angle)) return;
    angles[k] = angle;
    defined[k] = 1;
  };
  for (let i = 0; i < length; i++) {
    if (i > 0 && peptideBonded(backbone, i - 1)) put(3 * i, dihedral(c, i - 1, n, i, ca, i, c, i));
    if (i + 1 < length && peptideBonded(backbone, i)) {
      put(3 * i + 1, dihedral(n, i, ca, i, c, i, n, i + 1));
      put(3 * i + 2, dihedral(ca, i, c, i, n, i + 1, ca, i + 1));
    }
  }
  return { angles, defined };
}
