/** Sorting the token table's rows by a column, as the table's headers offer it. */
import type { CodeMeaning } from '../../protocol/encode-messages';

export const TOKEN_SORT_KEYS = ['code', 'residues', 'helix', 'strand', 'coil', 'meanPlddt', 'topAminoAcid'] as const;
export type TokenSortKey = (typeof TOKEN_SORT_KEYS)[number];

export interface TokenSort {
  readonly key: TokenSortKey;
  readonly descending: boolean;
}

function value(row: CodeMeaning, key: TokenSortKey): number | string {
  switch (key) {
    case 'topAminoAcid':
      return row.topAminoAcids[0]?.aa ?? '';
    case 'meanPlddt':
      return row.meanPlddt ?? -1;
    default:
      return row[key];
  }
}

/** A sorted copy; ties keep code order. */
export function sortTokenRows(rows: readonly CodeMeaning[], sort: TokenSort): CodeMeaning[] {
  const sign = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return order !== 0 ? sign * order : a.code - b.code;
  });
}

/** Clicking a header: the same column flips direction, another column sorts descending (ascending for the code). */
export function nextSort(current: TokenSort, key: TokenSortKey): TokenSort {
  if (current.key === key) return { key, descending: !current.descending };
  return { key, descending: key !== 'code' && key !== 'topAminoAcid' };
}
