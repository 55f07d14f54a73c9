import { describe, expect, it } from 'vitest';
import type { CodeMeaning } from '../../protocol/encode-messages';
import { nextSort, sortTokenRows } from './token-table-sort';

const row = (code: number, residues: number, helix: number, meanPlddt: number | null, aa: string): CodeMeaning => ({
  code,
  residues,
  helix,
  strand: 0,
  coil: 1 - helix,
  meanPlddt,
  topAminoAcids: aa ? [{ aa, fraction: 1 }] : [],
});
const rows = [row(0, 5, 0.1, 0.5, 'L'), row(1, 9, 0.9, null, 'A'), row(2, 5, 0.5, 0.9, '')];

describe('token table sorting', () => {
  it('sorts by a column, ties in code order', () => {
    expect(sortTokenRows(rows, { key: 'residues', descending: true }).map((r) => r.code)).toEqual([1, 0, 2]);
    expect(sortTokenRows(rows, { key: 'helix', descending: false }).map((r) => r.code)).toEqual([0, 2, 1]);
    expect(sortTokenRows(rows, { key: 'meanPlddt', descending: true }).map((r) => r.code)).toEqual([2, 0, 1]);
    expect(sortTokenRows(rows, { key: 'topAminoAcid', descending: false }).map((r) => r.code)).toEqual([2, 1, 0]);
  });

  it('flips the direction on a second click', () => {
    expect(nextSort({ key: 'code', descending: false }, 'residues')).toEqual({ key: 'residues', descending: true });
    expect(nextSort({ key: 'residues', descending: true }, 'residues')).toEqual({ key: 'residues', descending: false });
  });
});
