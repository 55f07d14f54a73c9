/**
 * Column names for `res.x` in files that carry no `columns` attribute (FoldTree2's own files). FoldTree2's mk1
 * builder writes 857 columns in a fixed order (foldtree2-reference.md §1.3); names follow our
 * `RES_X_COLUMNS` spelling where the content is the same.
 */
import { AMINO_ACIDS } from '../../protocol/res-features';

/** Width of FoldTree2 mk1 `res.x`. */
export const FOLDTREE2_RES_WIDTH = 857;

function numbered(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, k) => `${prefix}${k}`);
}

/**
 * FoldTree2 mk1 `res.x` names: phi/psi/omega (rad), 566 raw AAindex1 values (`aaindex<k>` = row k of
 * FoldTree2's `config/aaindex1.csv`), the AA one-hot, the 256-dim position code, R_true row-major, t_true (Å).
 */
export const FOLDTREE2_RES_COLUMNS: readonly string[] = [
  'phi',
  'psi',
  'omega',
  ...numbered('aaindex', 566),
  ...[...AMINO_ACIDS].map((a) => `aa_${a}`),
  ...numbered('pe', 256),
  ...numbered('R', 9),
  't_x',
  't_y',
  't_z',
];

/** Names for a `res.x` of `width` columns without a `columns` attribute: FoldTree2's map at 857, else `col<k>`. */
export function synthesizeResColumns(width: number): readonly string[] {
  return width === FOLDTREE2_RES_WIDTH ? FOLDTREE2_RES_COLUMNS : numbered('col', width);
}
