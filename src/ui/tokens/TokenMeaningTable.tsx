/**
 * What each token means over the dataset, one row per code: residues, H/E/C composition, mean pLDDT and most
 * frequent amino acids. Headers sort; the whole table downloads as CSV. `data-rows` lets tests see it filled.
 */
import { memo, useMemo, useState } from 'react';
import type { TokenMeaning } from '../../protocol/encode-messages';
import { downloadEncoded } from '../../state/tokens/encode-store';
import { nextSort, sortTokenRows, type TokenSort, type TokenSortKey } from '../../state/tokens/token-table-sort';
import { tokenColor } from '../teaching/token-colors';

const COLUMNS: readonly { key: TokenSortKey; label: string }[] = [
  { key: 'code', label: 'Token' },
  { key: 'residues', label: 'Residues' },
  { key: 'helix', label: 'Helix %' },
  { key: 'strand', label: 'Strand %' },
  { key: 'coil', label: 'Coil %' },
  { key: 'meanPlddt', label: 'Mean pLDDT' },
  { key: 'topAminoAcid', label: 'Frequent amino acids' },
];

const pct = (x: number) => (100 * x).toFixed(1);

export const TokenMeaningTable = memo(function TokenMeaningTable({ meaning }: { meaning: TokenMeaning }) {
  const [sort, setSort] = useState<TokenSort>({ key: 'code', descending: false });
  const rows = useMemo(() => sortTokenRows(meaning.codes, sort), [meaning, sort]);
  return (
    <figure
      className="metric-chart teaching-chart chart-wide"
      data-testid="token-meaning-table"
      data-rows={rows.filter((r) => r.residues > 0).length}
    >
      <figcaption>
        <span className="chart-title">
          What each token means{meaning.step !== null ? ` at step ${meaning.step}` : ''}:{' '}
          {meaning.residues.toLocaleString()} residues of {meaning.proteins} proteins · I(token; DSSP){' '}
          {meaning.miSecondaryStructure.toFixed(3)} bits · I(token; amino acid) {meaning.miAminoAcid.toFixed(3)} bits
        </span>
        <span className="chart-options">
          <button
            type="button"
            className="button-secondary"
            data-testid="token-table-csv"
            onClick={() => downloadEncoded('tokens')}
          >
            CSV
          </button>
        </span>
      </figcaption>
      <div className="token-table-scroll">
        <table className="token-table">
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <th
                  key={column.key}
                  aria-sort={sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                >
                  <button
                    type="button"
                    className="link-button"
                    data-testid={`token-sort-${column.key}`}
                    onClick={() => setSort((s) => nextSort(s, column.key))}
                  >
                    {column.label}
                    {sort.key === column.key ? (sort.descending ? ' ▾' : ' ▴') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code} data-code={r.code} className={r.residues === 0 ? 'token-unused' : undefined}>
                <td>
                  <span className="legend-swatch" style={{ background: tokenColor(r.code) }} /> {r.code}
                </td>
                <td>{r.residues}</td>
                <td>{pct(r.helix)}</td>
                <td>{pct(r.strand)}</td>
                <td>{pct(r.coil)}</td>
                <td>{r.meanPlddt === null ? '—' : (100 * r.meanPlddt).toFixed(1)}</td>
                <td>{r.topAminoAcids.map((a) => `${a.aa} ${pct(a.fraction)}%`).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
});
