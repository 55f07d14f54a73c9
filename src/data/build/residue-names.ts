/**
 * Which residues become graph rows: the 20 standard amino acids, plus selenomethionine (MSE) read as MET as
 * FoldTree2's gemmi builder does. Other modified residues and UNK are dropped (FoldTree2's mk1 builder
 * rejects the whole structure instead); nucleotides mark nucleic-acid chains.
 */
import { AMINO_ACIDS } from '../../protocol/res-features';

const STANDARD: Readonly<Record<string, string>> = {
  ALA: 'A',
  ARG: 'R',
  ASN: 'N',
  ASP: 'D',
  CYS: 'C',
  GLN: 'Q',
  GLU: 'E',
  GLY: 'G',
  HIS: 'H',
  ILE: 'I',
  LEU: 'L',
  LYS: 'K',
  MET: 'M',
  PHE: 'F',
  PRO: 'P',
  SER: 'S',
  THR: 'T',
  TRP: 'W',
  TYR: 'Y',
  VAL: 'V',
};

/** Non-standard names read as a standard amino acid. */
const ALIASES: Readonly<Record<string, string>> = { MSE: 'M' };

/** Standard RNA/DNA residue names (PDB chemical component ids). */
const NUCLEOTIDES = new Set(['A', 'C', 'G', 'U', 'T', 'I', 'N', 'DA', 'DC', 'DG', 'DT', 'DU', 'DI', 'DN']);

/** One-letter code of one of the 20 standard residue names, or undefined for anything else (MSE included). */
export function standardOneLetterCode(residueName: string): string | undefined {
  return STANDARD[residueName];
}

/** One-letter code of a residue name we keep as a row, or undefined for anything else. */
export function oneLetterCode(residueName: string): string | undefined {
  return standardOneLetterCode(residueName) ?? ALIASES[residueName];
}

/** Column of a one-letter code in FoldTree2's order `ARNDCQEGHILKMFPSTWYV`. */
export function aminoAcidIndex(letter: string): number {
  const index = AMINO_ACIDS.indexOf(letter);
  if (index < 0) throw new Error(`not a standard amino-acid letter: '${letter}'`);
  return index;
}

export function isNucleotide(residueName: string): boolean {
  return NUCLEOTIDES.has(residueName);
}
