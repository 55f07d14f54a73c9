/** Backbone atom coordinates of the graph rows, in the layout the feature code and DSSP take. */
import type { BackboneCoordinates } from '../features/secondary-structure';
import type { Residue } from '../structure/structure-types';

function atomCoordinates(residues: readonly Residue[], atomName: string): Float32Array {
  const out = new Float32Array(residues.length * 3);
  residues.forEach((residue, i) => {
    const atom = residue.atoms.get(atomName);
    out[3 * i] = atom?.x ?? NaN;
    out[3 * i + 1] = atom?.y ?? NaN;
    out[3 * i + 2] = atom?.z ?? NaN;
  });
  return out;
}

/** @returns N, CA, C, O as float32 (length × 3) in Å, NaN where the atom is missing, and the proline mask DSSP needs. */
export function backboneCoordinates(residues: readonly Residue[]): BackboneCoordinates {
  return {
    length: residues.length,
    n: atomCoordinates(residues, 'N'),
    ca: atomCoordinates(residues, 'CA'),
    c: atomCoordinates(residues, 'C'),
    o: atomCoordinates(residues, 'O'),
    // Prolines have no amide H: without the mask DSSP would give them H-bonds as donors.
    proline: Uint8Array.from(residues, (residue) => (residue.name === 'PRO' ? 1 : 0)),
  };
}
