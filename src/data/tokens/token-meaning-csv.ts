/** The token table as CSV: one row per code, DSSP fractions as percentages, mean pLDDT on the 0–100 scale. */
import type { TokenMeaning } from '../../protocol/encode-messages';

export const TOKEN_TABLE_HEADER = [
  'token',
  'residues',
  'helix_pct',
  'strand_pct',
  'coil_pct',
  'mean_plddt',
  'top_amino_acids',
] as const;

/** Rows in code order; `top_amino_acids` as "A 40%; L 20%". Mean pLDDT on the 0–100 scale, empty when unknown. */
export function tokenMeaningCsv(meaning: TokenMeaning): string {
  const pct = (x: number) => (100 * x).toFixed(1);
  const rows = meaning.codes.map((c) =>
    [
      c.code,
      c.residues,
      pct(c.helix),
      pct(c.strand),
      pct(c.coil),
      c.meanPlddt === null ? '' : (100 * c.meanPlddt).toFixed(1),
      c.topAminoAcids.map((a) => `${a.aa} ${pct(a.fraction)}%`).join('; '),
    ].join(','),
  );
  return `${[TOKEN_TABLE_HEADER.join(','), ...rows].join('\n')}\n`;
}
