import type { ReactNode } from 'react';

export interface ResultsTableProps<Row> {
  readonly testId?: string;
  /** The header row: one label per column. */
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
  readonly keyOf: (row: Row) => string;
  /** The row's `data-*` attributes by their full name (what tests read of it), if any. */
  readonly dataOf?: (row: Row) => Readonly<Record<`data-${string}`, string>>;
  /** The row's `<td>` cells, one per column. */
  readonly cells: (row: Row) => ReactNode;
}

/** A results table of the benchmark page: a header of column labels, then one row per result. */
export function ResultsTable<Row>({ testId, columns, rows, keyOf, dataOf, cells }: ResultsTableProps<Row>) {
  return (
    <table className="timings" data-testid={testId}>
      <thead>
        <tr>
          {columns.map((label) => (
            <th key={label}>{label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={keyOf(row)} {...dataOf?.(row)}>
            {cells(row)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
