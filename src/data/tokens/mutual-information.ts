/** Mutual information between two discrete labels of the same residues, from their joint counts. */

/**
 * I(X; Y) in bits from a joint count table `counts[x][y]` (rows may differ in length; missing cells are 0).
 * 0 for an empty table.
 */
export function mutualInformationBits(counts: readonly (readonly number[])[]): number {
  const rowTotals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const total = rowTotals.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  const colTotals: number[] = [];
  for (const row of counts) row.forEach((n, y) => (colTotals[y] = (colTotals[y] ?? 0) + n));
  let bits = 0;
  counts.forEach((row, x) =>
    row.forEach((n, y) => {
      if (n === 0) return;
      const pxy = n / total;
      bits += pxy * Math.log2(pxy / (((rowTotals[x] ?? 0) / total) * ((colTotals[y] ?? 0) / total)));
    }),
  );
  // Rounding can leave a tiny negative value for independent labels.
  return Math.max(0, bits);
}
