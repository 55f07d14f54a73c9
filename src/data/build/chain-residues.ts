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
