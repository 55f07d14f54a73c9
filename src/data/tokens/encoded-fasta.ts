/**
 * The files an encode run writes: the encoded FASTA (one record per protein, the whole sequence on one line, as
 * FoldTree2 writes it) and the per-residue table beside it. Text only; the caller writes it as UTF-8.
 */
import type { ProteinEncoding } from '../../protocol/encode-messages';
import { DSSP_CLASSES } from '../../protocol/encode-messages';
import { decodeCharacters, encodeCodes } from './fasta-alphabet';

/** `>id` then the encoded sequence, each record ending in a newline. */
export function encodedFasta(encodings: readonly Pick<ProteinEncoding, 'proteinId' | 'codes'>[]): string {
  return encodings.map((e) => `>${e.proteinId}\n${encodeCodes(e.codes)}\n`).join('');
}

/** Records of an encoded FASTA as protein id → codes, in file order. */
export function readEncodedFasta(text: string): Map<string, number[]> {
  const records = new Map<string, number[]>();
  let id: string | null = null;
  // Only "\n" ends a line: every other control character can be a token (U+000D never is: it is replaced).
  for (const line of text.split('\n')) {
    if (line.startsWith('>')) {
      id = line.slice(1);
      records.set(id, []);
    } else if (id !== null && line.length > 0) {
      records.get(id)?.push(...decodeCharacters(line));
    }
  }
  return records;
}

export const RESIDUE_TABLE_HEADER = ['protein', 'residue', 'amino_acid', 'token', 'plddt', 'dssp'] as const;

/**
 * One row per residue: protein id, 1-based residue index in the chain as stored, one-letter amino acid, token,
 * pLDDT (0–100, two decimals; `NA` where the file holds B-factors) and DSSP class (H, E, C; `NA` when unknown).
 */
export function residueTable(encodings: readonly ProteinEncoding[]): string {
  const lines = [RESIDUE_TABLE_HEADER.join('\t')];
  for (const e of encodings) {
    e.codes.forEach((code, k) => {
      const plddt = e.plddt?.[k];
      const ss = DSSP_CLASSES[e.ss[k] ?? -1] ?? 'NA';
      lines.push(
        [
          e.proteinId,
          k + 1,
          e.sequence[k] ?? 'X',
          code,
          plddt === undefined ? 'NA' : (plddt * 100).toFixed(2),
          ss,
        ].join('\t'),
      );
    });
  }
  return `${lines.join('\n')}\n`;
}
