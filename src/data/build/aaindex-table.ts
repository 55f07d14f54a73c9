/**
 * FoldTree2's AAindex1 table (foldtree2/aaindex1.csv): 566 raw property values per amino-acid letter, in the CSV's
 * row order, for columns 3–568 of FoldTree2's 857-column `res.x`. Parsing only; the caller reads the file.
 */
import { AMINO_ACIDS } from '../../protocol/res-features';

/** Rows of FoldTree2's table. */
export const AAINDEX_PROPERTIES = 566;

export interface AaindexTable {
  /** [20 × 566], letter-major in AMINO_ACIDS order: values[a·566 + k] = property k of letter a; empty cells 0. */
  readonly values: Float32Array;
}

/** The fields of one CSV line (double-quoted fields may hold commas and doubled quotes). */
function fields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

export function parseAaindexCsv(text: string): AaindexTable {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = fields(lines[0] ?? '');
  const letters = [...AMINO_ACIDS];
  if (letters.some((letter, a) => header[a] !== letter))
    throw new Error(
      `aaindex1.csv: the first 20 columns must be ${letters.join(' ')}, got ${header.slice(0, 20).join(' ')}`,
    );
  const rows = lines.slice(1);
  if (rows.length !== AAINDEX_PROPERTIES)
    throw new Error(`aaindex1.csv: ${rows.length} property rows, FoldTree2's table has ${AAINDEX_PROPERTIES}`);
  const values = new Float32Array(20 * AAINDEX_PROPERTIES);
  rows.forEach((line, k) => {
    const cells = fields(line);
    for (let a = 0; a < 20; a++) {
      const cell = (cells[a] ?? '').trim();
      const value = cell === '' ? 0 : Number(cell);
      if (!Number.isFinite(value))
        throw new Error(
          `aaindex1.csv: row ${k + 2}, column ${letters[a] ?? a}: ${JSON.stringify(cell)} is not a number`,
        );
      values[a * AAINDEX_PROPERTIES + k] = value;
    }
  });
  return { values };
}
