/**
 * Kabsch & Sander electrostatic backbone H-bond energy, computed the way mkdssp 4.2 computes it.
 *
 * mkdssp stores coordinates as 32-bit floats and takes distances in float arithmetic, then rounds the energy to
 * 0.001 kcal/mol ("DSSP compatibility mode"). Energies near the −0.5 cut-off and ties between candidate partners
 * are decided at that precision, so we reproduce the float32 steps with `Math.fround` instead of using doubles.
 */

/** Coupling constant q1·q2·f = −0.42 · 0.20 · 332 (kcal·Å/mol), as a float like mkdssp's. */
export const HBOND_COUPLING = Math.fround(-27.888);
/** Lowest energy mkdssp assigns (kcal/mol); closer contacts are clamped to it. */
export const HBOND_MIN_ENERGY = Math.fround(-9.9);
/** A pair counts as H-bonded when its energy is below this (kcal/mol). */
export const HBOND_MAX_ENERGY = -0.5;
/** Any N/H/C/O distance under this (Å) gives the minimum energy instead of a diverging one. */
export const HBOND_MIN_DISTANCE = 0.5;

const f = Math.fround;

/**
 * Distance in float32 arithmetic between point `i` of `a` and point `j` of `b` (xyz triples).
 * Coordinates must already be float32 values (a Float32Array, or numbers passed through `Math.fround`).
 */
export function distanceF32(a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number): number {
  const dx = f((a[3 * i] as number) - (b[3 * j] as number));
  const dy = f((a[3 * i + 1] as number) - (b[3 * j + 1] as number));
  const dz = f((a[3 * i + 2] as number) - (b[3 * j + 2] as number));
  return f(Math.sqrt(f(f(f(dx * dx) + f(dy * dy)) + f(dz * dz))));
}

/** C++ `std::round` (halves away from zero); `Math.round` would round −x.5 towards zero. */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/**
 * Energy in kcal/mol of the H-bond N–H(donor) ··· O=C(acceptor), from the four distances in Å:
 * E = 0.084·332·(1/rON + 1/rCH − 1/rOH − 1/rCN), rounded to 0.001 and clamped below at −9.9.
 */
export function hbondEnergyFromDistances(rOH: number, rCH: number, rCN: number, rON: number): number {
  let e: number;
  if (rOH < HBOND_MIN_DISTANCE || rCH < HBOND_MIN_DISTANCE || rCN < HBOND_MIN_DISTANCE || rON < HBOND_MIN_DISTANCE) {
    e = HBOND_MIN_ENERGY;
  } else {
    e = HBOND_COUPLING / rOH - HBOND_COUPLING / rCH + HBOND_COUPLING / rCN - HBOND_COUPLING / rON;
  }
  e = roundHalfAway(e * 1000) / 1000;
  return e < HBOND_MIN_ENERGY ? HBOND_MIN_ENERGY : e;
}

/**
 * Energy (kcal/mol) of donor residue `d` (amide N and H) to acceptor residue `a` (carbonyl C and O).
 * Arrays hold xyz triples of float32 values, indexed by residue.
 */
export function hbondEnergy(
  n: ArrayLike<number>,
  h: ArrayLike<number>,
  d: number,
  c: ArrayLike<number>,
  o: ArrayLike<number>,
  a: number,
): number {
  return hbondEnergyFromDistances(
    distanceF32(h, d, o, a),
    distanceF32(h, d, c, a),
    distanceF32(n, d, c, a),
    distanceF32(n, d, o, a),
  );
}
