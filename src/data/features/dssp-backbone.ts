/**
 * The residue list DSSP works on: only residues with all four backbone atoms (N, CA, C, O), numbered so that a
 * chain break (C(i−1)–N(i) > 2.5 Å) leaves a hole in the numbering, with an amide H placed on each donor.
 */

import type { BackboneCoordinates } from './backbone-coordinates';
import { distanceF32 } from './hbond-energy';

/** Longest C(i−1)–N(i) distance (Å) still counted as a peptide bond (mkdssp's kMaxPeptideBondLength). */
export const MAX_PEPTIDE_BOND_LENGTH = 2.5;

/** Complete residues only; `m` of them. Coordinate arrays are m*3 float32 (Å). */
export interface DsspBackbone {
  readonly m: number;
  /** Index into the caller's residue arrays for each complete residue. */
  readonly source: Int32Array;
  readonly n: Float32Array;
  readonly ca: Float32Array;
  readonly c: Float32Array;
  readonly o: Float32Array;
  /** Amide hydrogen positions (valid where `hasH` is 1). */
  readonly h: Float32Array;
  readonly hasH: Uint8Array;
  /**
   * mkdssp's running residue number: +1 per residue, +1 more after a break. Residues a ≤ b are linked without a
   * break exactly when `number[b] − number[a] === b − a`.
   */
  readonly number: Int32Array;
}

function checkLength(name: string, arr: Float32Array, length: number): void {
  if (arr.length !== length * 3) {
    throw new Error(
      `assignSecondaryStructure: backbone.${name} has ${arr.length} values, expected length*3 = ${length * 3}`,
    );
  }
}

function isComplete(b: BackboneCoordinates, i: number): boolean {
  for (const arr of [b.n, b.ca, b.c, b.o]) {
    if (!Number.isFinite(arr[3 * i]) || !Number.isFinite(arr[3 * i + 1]) || !Number.isFinite(arr[3 * i + 2]))
      return false;
  }
  return true;
}

/** Builds the DSSP residue list; throws on arrays whose length disagrees with `length`. */
export function buildDsspBackbone(b: BackboneCoordinates): DsspBackbone {
  checkLength('n', b.n, b.length);
  checkLength('ca', b.ca, b.length);
  checkLength('c', b.c, b.length);
  checkLength('o', b.o, b.length);
  if (b.proline !== undefined && b.proline.length !== b.length) {
    throw new Error(`assignSecondaryStructure: backbone.proline has ${b.proline.length} entries, expected ${b.length}`);
  }
  const sourceList: number[] = [];
  for (let i = 0; i < b.length; i++) if (isComplete(b, i)) sourceList.push(i);
  const m = sourceList.length;
  const source = Int32Array.from(sourceList);
  const pick = (arr: Float32Array): Float32Array => {
    const out = new Float32Array(m * 3);
    for (let k = 0; k < m; k++) out.set(arr.subarray(3 * (source[k] as number), 3 * (source[k] as number) + 3), 3 * k);
    return out;
  };
  const n = pick(b.n);
  const ca = pick(b.ca);
  const c = pick(b.c);
  const o = pick(b.o);
  const number = new Int32Array(m);
  for (let k = 1; k < m; k++) {
    const linked = distanceF32(c, k - 1, n, k) <= MAX_PEPTIDE_BOND_LENGTH;
    number[k] = (number[k - 1] as number) + (linked ? 1 : 2);
  }
  const h = new Float32Array(m * 3);
  const hasH = new Uint8Array(m);
  const f = Math.fround;
  for (let k = 1; k < m; k++) {
    // No amide H on prolines, and none after a break: the previous C=O is not bonded to this N.
    if (b.proline !== undefined && b.proline[source[k] as number] === 1) continue;
    if ((number[k] as number) !== (number[k - 1] as number) + 1) continue;
    // H sits 1 Å from N, along the previous residue's O→C direction (mkdssp, float32 arithmetic).
    const co = distanceF32(c, k - 1, o, k - 1);
    for (let x = 0; x < 3; x++) {
      const delta = f((c[3 * (k - 1) + x] as number) - (o[3 * (k - 1) + x] as number));
      h[3 * k + x] = f((n[3 * k + x] as number) + f(delta / co));
    }
    hasH[k] = 1;
  }
  return { m, source, n, ca, c, o, h, hasH, number };
}

/** True when compact residues a ≤ b are joined by unbroken peptide bonds (mkdssp's NoChainBreak). */
export function noChainBreak(bb: DsspBackbone, a: number, b: number): boolean {
  return (bb.number[b] as number) - (bb.number[a] as number) === b - a;
}
