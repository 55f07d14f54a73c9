/**
 * Picks the residues of a chain that become graph rows and decides whether the chain is usable, with a
 * reason a person can act on when it is not.
 */
import type { Chain, Residue } from '../structure/structure-types';
import { isNucleotide, oneLetterCode } from './residue-names';

/**
 * Shortest chain we build. FoldTree2 loses chains under 25 residues (its FFT step fails); 20 keeps short
 * domains while excluding peptides too small for contacts, secondary structure or the Fourier corners.
 */
export const MIN_RESIDUES = 20;

/**
 * `residues` when the chain is usable; otherwise `reason`, or no reason at all for chains that hold no
 * polymer (waters, ions, ligands), which are ignored silently.
 */
export type ChainVerdict =
  | { readonly usable: true; readonly residues: readonly Residue[] }
  | { readonly usable: false; readonly reason?: string };

const BACKBONE = ['N', 'CA', 'C', 'O'] as const;

function hasFullBackbone(residue: Residue): boolean {
  return BACKBONE.every((name) => residue.atoms.has(name));
}

function describeEmpty(chain: Chain): ChainVerdict {
  const nucleotides = chain.residues.filter((r) => isNucleotide(r.name)).length;
  if (nucleotides > 0) {
    return { usable: false, reason: `nucleic-acid chain (${nucleotides} nucleotides), not a protein` };
  }
  const other = chain.residues.filter((r) => r.atoms.has('N') && r.atoms.has('CA') && r.atoms.has('C'));
  if (other.length > 0) {
    const names = [...new Set(other.map((r) => r.name))].slice(0, 5).join(', ');
    return {
      usable: false,
      reason: `no standard amino acids: its ${other.length} residues with a backbone are non-standard (${names})`,
    };
  }
  return { usable: false };
}

/**
 * Rows are the standard amino acids (and MSE) that have a CA atom, in file order; residues without CA,
 * modified residues, UNK, waters and ligands are dropped.
 */
export function chainResidues(chain: Chain, maxResidues = Infinity): ChainVerdict {
  const residues = chain.residues.filter((r) => oneLetterCode(r.name) !== undefined && r.atoms.has('CA'));
  if (residues.length === 0) return describeEmpty(chain);
  if (residues.length < MIN_RESIDUES) {
    return {
      usable: false,
      reason: `too short: ${residues.length} amino-acid residues with a CA atom (minimum ${MIN_RESIDUES})`,
    };
  }
  if (residues.length > maxResidues) {
    return {
      usable: false,
      reason:
        `too long: ${residues.length} residues, over the limit of ${maxResidues} ` +
        '(raise maxResidues to include it)',
    };
  }
  const degenerate = degenerateCoordinates(residues);
  if (degenerate !== null) return { usable: false, reason: degenerate };
  const incomplete = residues.filter((r) => !hasFullBackbone(r)).length;
  if (incomplete * 2 > residues.length) {
    return {
      usable: false,
      reason:
        `backbone atoms N/C/O missing in ${incomplete} of ${residues.length} residues (CA-only model?); ` +
        'dihedrals, frames and secondary structure need the full backbone',
    };
  }
  return { usable: true, residues };
}

/** Consecutive CA atoms closer than this are not a real chain (real neighbours sit about 3.8 Å apart). */
const MIN_CA_STEP_ANGSTROM = 1;

/**
 * Why the chain's coordinates cannot be real, or null: a coordinate that is not a finite number, or most
 * consecutive CA atoms on top of each other (all-zero or placeholder coordinates would give zero frames and angles).
 */
function degenerateCoordinates(residues: readonly Residue[]): string | null {
  const cas = residues.map((r) => r.atoms.get('CA'));
  const bad = residues.find((r) =>
    [...r.atoms.values()].some((a) => !Number.isFinite(a.x) || !Number.isFinite(a.y) || !Number.isFinite(a.z)),
  );
  if (bad)
    return `degenerate coordinates: residue ${bad.name} ${bad.seqNum}${bad.insertionCode} has a coordinate that is not a finite number`;
  let close = 0;
  for (let k = 1; k < cas.length; k++) {
    const [a, b] = [cas[k - 1], cas[k]];
    if (a && b && Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z) < MIN_CA_STEP_ANGSTROM) close++;
  }
  if (close * 2 <= cas.length - 1) return null;
  return `degenerate coordinates: ${close} of ${cas.length - 1} consecutive CA atoms lie within ${MIN_CA_STEP_ANGSTROM} Å of each other (all-zero or placeholder coordinates?); frames, angles and contacts would be meaningless`;
}
