/**
 * Column map of our `res.x` encoder input. FoldTree2's mk1 `res.x` has 857 columns, 566 of them raw
 * AAindex1 properties we do not ship; ours is smaller and self-describing: the builder writes this
 * list as the `columns` attribute of every `node/res/x` dataset, and the model reads its input width
 * from the file, so either layout trains.
 */
export const AMINO_ACIDS = 'ARNDCQEGHILKMFPSTWYV' as const;

function names(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, k) => `${prefix}${k}`);
}

/** Column names in order; index = column. */
export const RES_X_COLUMNS: readonly string[] = [
  'phi',
  'psi',
  'omega', // radians; 0 where undefined (chain ends, gaps)
  'sin_phi',
  'cos_phi',
  'sin_psi',
  'cos_psi',
  'sin_omega',
  'cos_omega',
  ...[...AMINO_ACIDS].map((a) => `aa_${a}`), // one-hot, FoldTree2's order
  ...names('R', 9), // local frame R_true, row-major [R00,R01,R02,R10,...,R22]
  't_x',
  't_y',
  't_z', // CA[i+1] - CA[i] in Å, global frame; last row 0
];

export const RES_X_WIDTH = RES_X_COLUMNS.length;

/** First column of each block, for code that slices `res.x`. */
export const RES_X_OFFSETS = {
  angles: 0,
  angleTrig: 3,
  aminoAcid: 9,
  frame: 29,
  translation: 38,
} as const;
