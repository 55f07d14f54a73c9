import { describe, expect, it } from 'vitest';
import type { ProteinEncoding } from '../../protocol/encode-messages';
import { encodedFasta, readEncodedFasta, residueTable } from './encoded-fasta';

const protein = (proteinId: string, codes: number[], plddt: number[] | null): ProteinEncoding => ({
  proteinId,
  sequence: 'MKV'.slice(0, codes.length),
  codes,
  plddt,
  codebookSize: 40,
  ss: codes.map((_, k) => k % 3),
  ca: codes.flatMap((_, k) => [k, 0, 0]),
});

describe('encoded FASTA and residue table', () => {
  it('writes one record per protein and reads the codes back', () => {
    const encodings = [protein('a_A', [0, 9, 12], null), protein('b_B', [39, 1], [0.9, 0.5])];
    const fasta = encodedFasta(encodings);
    expect(fasta.split('\n').filter((line) => line.startsWith('>'))).toEqual(['>a_A', '>b_B']);
    expect(readEncodedFasta(fasta)).toEqual(
      new Map([
        ['a_A', [0, 9, 12]],
        ['b_B', [39, 1]],
      ]),
    );
  });

  it('writes one tab-separated row per residue with pLDDT in 0–100 and DSSP letters', () => {
    const table = residueTable([protein('b_B', [39, 1], [0.9, 0.5]), protein('c', [2], null)]);
    expect(table.trimEnd().split('\n')).toEqual([
      'protein\tresidue\tamino_acid\ttoken\tplddt\tdssp',
      'b_B\t1\tM\t39\t90.00\tC',
      'b_B\t2\tK\t1\t50.00\tH',
      'c\t1\tM\t2\tNA\tC',
    ]);
  });
});
