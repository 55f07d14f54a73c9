/**
 * Test helper: backbones built from torsion angles with standard bond lengths and angles (Engh & Huber), by
 * placing each atom from the three before it (NeRF). Used to make ideal helices and hairpins for DSSP tests.
 */
import type { BackboneCoordinates } from './secondary-structure';

type Vec = readonly [number, number, number];

const sub = (a: Vec, b: Vec): Vec => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const cross = (a: Vec, b: Vec): Vec => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
const unit = (a: Vec): Vec => {
  const l = Math.hypot(a[0], a[1], a[2]);
  return [a[0] / l, a[1] / l, a[2] / l];
};
const rad = (deg: number): number => (deg * Math.PI) / 180;

/** Bond lengths (Å) and angles (degrees) of the peptide backbone. */
export const BACKBONE_GEOMETRY = {
  nCa: 1.458,
  caC: 1.525,
  cN: 1.329,
  cO: 1.231,
  nCaC: 111.2,
  caCN: 116.2,
  cNCa: 121.7,
  caCO: 120.1,
  omega: 180,
} as const;

/** Atom d with |cd| = bond, angle bcd = angle°, torsion abcd = torsion°. */
export function placeAtom(a: Vec, b: Vec, c: Vec, bond: number, angle: number, torsion: number): Vec {
  const bc = unit(sub(c, b));
  const n = unit(cross(sub(b, a), bc));
  const m = cross(n, bc);
  const x = -bond * Math.cos(rad(angle));
  const y = bond * Math.sin(rad(angle)) * Math.cos(rad(torsion));
  const z = bond * Math.sin(rad(angle)) * Math.sin(rad(torsion));
  return [
    c[0] + x * bc[0] + y * m[0] + z * n[0],
    c[1] + x * bc[1] + y * m[1] + z * n[1],
    c[2] + x * bc[2] + y * m[2] + z * n[2],
  ];
}

/**
 * Backbone with residue i's φ = phi[i] and ψ = psi[i] (degrees), trans peptides; φ of the first residue is
 * unused. O lies in the peptide plane, anti to the next N.
 */
export function backboneFromTorsions(phi: readonly number[], psi: readonly number[]): BackboneCoordinates {
  const g = BACKBONE_GEOMETRY;
  const L = phi.length;
  const N: Vec[] = [[0, 0, 0]];
  const CA: Vec[] = [[g.nCa, 0, 0]];
  const C: Vec[] = [[g.nCa - g.caC * Math.cos(rad(g.nCaC)), g.caC * Math.sin(rad(g.nCaC)), 0]];
  for (let i = 1; i < L; i++) {
    N.push(placeAtom(N[i - 1] as Vec, CA[i - 1] as Vec, C[i - 1] as Vec, g.cN, g.caCN, psi[i - 1] as number));
    CA.push(placeAtom(CA[i - 1] as Vec, C[i - 1] as Vec, N[i] as Vec, g.nCa, g.cNCa, g.omega));
    C.push(placeAtom(C[i - 1] as Vec, N[i] as Vec, CA[i] as Vec, g.caC, g.nCaC, phi[i] as number));
  }
  const O = N.map((_, i) => placeAtom(N[i] as Vec, CA[i] as Vec, C[i] as Vec, g.cO, g.caCO, (psi[i] as number) + 180));
  const flat = (atoms: Vec[]): Float32Array => Float32Array.from(atoms.flat());
  return { length: L, n: flat(N), ca: flat(CA), c: flat(C), o: flat(O) };
}

/** Ideal right-handed α-helix of `length` residues (φ = −57.8°, ψ = −47.0°). */
export function idealHelix(length: number): BackboneCoordinates {
  return backboneFromTorsions(Array<number>(length).fill(-57.8), Array<number>(length).fill(-47));
}

/**
 * 2:2 β-hairpin: six strand residues (φ −110°, ψ 107°), a type I′-like turn at residues 6–7 (φ/ψ 34°/66° and
 * 107°/−34°, flanking ψ5 = 93°, φ8 = −77°, fitted so the three cross-strand H-bond pairs 5↔8, 3↔10, 1↔12 sit
 * near −3 kcal/mol), then six more strand residues. mkdssp 4.2.2 gives `-EEEEETTEEEEE-` for it.
 */
export function idealHairpin(): BackboneCoordinates {
  const phi = [-110, -110, -110, -110, -110, -110, 34, 107, -77, -110, -110, -110, -110, -110];
  const psi = [107, 107, 107, 107, 107, 93, 66, -34, 107, 107, 107, 107, 107, 107];
  return backboneFromTorsions(phi, psi);
}
