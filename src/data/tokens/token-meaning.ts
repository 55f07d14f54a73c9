/**
 * What each structural token stands for over a dataset: residue count, DSSP composition, mean pLDDT and most
 * frequent amino acids per code, and the mutual information of tokens with DSSP classes and with amino acids.
 */
import type { CodeMeaning, ProteinEncoding, TokenMeaning } from '../../protocol/encode-messages';
import { AMINO_ACIDS } from '../../protocol/res-features';
import { mutualInformationBits } from './mutual-information';

/** Amino acids listed per code. */
const TOP_AMINO_ACIDS = 3;
/** Column of a letter outside the 20 (X, U, …) in the amino-acid counts. */
const OTHER = AMINO_ACIDS.length;

export function tokenMeaning(
  encodings: readonly ProteinEncoding[],
  codebookSize: number,
  step: number | null,
): TokenMeaning {
  const K = codebookSize;
  const ssCounts = Array.from({ length: K }, () => [0, 0, 0]);
  const aaCounts = Array.from({ length: K }, () => new Array<number>(OTHER + 1).fill(0));
  const plddtSum = new Array<number>(K).fill(0);
  const plddtCount = new Array<number>(K).fill(0);
  const residues = new Array<number>(K).fill(0);
  let total = 0;
  for (const e of encodings) {
    e.codes.forEach((code, k) => {
      if (code < 0 || code >= K) return;
      total++;
      residues[code] = (residues[code] ?? 0) + 1;
      const ss = e.ss[k] ?? -1;
      const ssRow = ssCounts[code];
      if (ssRow && ss >= 0 && ss < 3) ssRow[ss] = (ssRow[ss] ?? 0) + 1;
      const letter = AMINO_ACIDS.indexOf((e.sequence[k] ?? 'X') as (typeof AMINO_ACIDS)[number]);
      const aaRow = aaCounts[code];
      const column = letter < 0 ? OTHER : letter;
      if (aaRow) aaRow[column] = (aaRow[column] ?? 0) + 1;
      const plddt = e.plddt?.[k];
      if (plddt !== undefined) {
        plddtSum[code] = (plddtSum[code] ?? 0) + plddt;
        plddtCount[code] = (plddtCount[code] ?? 0) + 1;
      }
    });
  }
  const codes: CodeMeaning[] = Array.from({ length: K }, (_, code) => {
    const n = residues[code] ?? 0;
    const [coil = 0, helix = 0, strand = 0] = ssCounts[code] ?? [];
    const ssTotal = coil + helix + strand;
    const share = (x: number) => (ssTotal > 0 ? x / ssTotal : 0);
    const aa = aaCounts[code] ?? [];
    const topAminoAcids = aa
      .map((count, column) => ({ aa: column === OTHER ? 'X' : (AMINO_ACIDS[column] ?? 'X'), count }))
      .filter((entry) => entry.count > 0)
      .sort((a, b) => b.count - a.count || a.aa.localeCompare(b.aa))
      .slice(0, TOP_AMINO_ACIDS)
      .map((entry) => ({ aa: entry.aa, fraction: entry.count / n }));
    const withPlddt = plddtCount[code] ?? 0;
    return {
      code,
      residues: n,
      helix: share(helix),
      strand: share(strand),
      coil: share(coil),
      meanPlddt: withPlddt > 0 ? (plddtSum[code] ?? 0) / withPlddt : null,
      topAminoAcids,
    };
  });
  return {
    step,
    proteins: encodings.length,
    residues: total,
    codebookSize: K,
    codes,
    miSecondaryStructure: mutualInformationBits(ssCounts),
    miAminoAcid: mutualInformationBits(aaCounts),
  };
}
