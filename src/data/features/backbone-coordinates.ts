/**
 * Backbone coordinates per residue, in chain order: each array is float32 `length*3` (x, y, z in Å), NaN where
 * the atom is missing. Several chains may be concatenated: a C(i−1)–N(i) distance over 2.5 Å is a break.
 */
export interface BackboneCoordinates {
  readonly length: number;
  readonly n: Float32Array;
  readonly ca: Float32Array;
  readonly c: Float32Array;
  readonly o: Float32Array;
  /**
   * Optional, `length` entries: 1 where the residue is a proline (no amide H, so never an H-bond donor).
   * Without it every residue after an intact peptide bond is treated as a donor.
   */
  readonly proline?: Uint8Array;
}
