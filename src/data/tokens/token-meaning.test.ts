import { describe, expect, it } from 'vitest';
import type { ProteinEncoding } from '../../protocol/encode-messages';
import { mutualInformationBits } from './mutual-information';
import { tokenMeaning } from './token-meaning';

describe('mutual information', () => {
  it('is H(X) when Y copies X and 0 when they are independent', () => {
    expect(
      mutualInformationBits([
        [5, 0],
        [0, 5],
      ]),
    ).toBeCloseTo(1, 12);
    expect(
      mutualInformationBits([
        [2, 2],
        [3, 3],
      ]),
    ).toBeCloseTo(0, 12);
    expect(
      mutualInformationBits([
        [4, 0, 0],
        [0, 4, 0],
        [0, 0, 4],
        [0, 0, 0],
      ]),
    ).toBeCloseTo(Math.log2(3), 12);
    expect(mutualInformationBits([])).toBe(0);
  });
});

describe('token meaning', () => {
  const encodings: ProteinEncoding[] = [
    {
      proteinId: 'p',
      sequence: 'AAAGG',
      codes: [0, 0, 0, 1, 1],
      plddt: [0.9, 0.8, 0.7, 0.2, 0.4],
      codebookSize: 3,
      ss: [1, 1, 1, 0, 2],
      ca: [],
    },
    { proteinId: 'q', sequence: 'LX', codes: [1, 1], plddt: null, codebookSize: 3, ss: [0, 0], ca: [] },
  ];
  const meaning = tokenMeaning(encodings, 3, 12);

  it('counts residues, DSSP composition, mean pLDDT and frequent amino acids per code', () => {
    expect(meaning).toMatchObject({ step: 12, proteins: 2, residues: 7, codebookSize: 3 });
    const [helixCode, mixed, unused] = meaning.codes;
    expect(helixCode).toMatchObject({ code: 0, residues: 3, helix: 1, strand: 0, coil: 0 });
    expect(helixCode?.meanPlddt).toBeCloseTo(0.8, 12);
    expect(helixCode?.topAminoAcids).toEqual([{ aa: 'A', fraction: 1 }]);
    expect(mixed).toMatchObject({ code: 1, residues: 4, helix: 0, strand: 0.25, coil: 0.75 });
    expect(mixed?.meanPlddt).toBeCloseTo(0.3, 12);
    expect(mixed?.topAminoAcids).toEqual([
      { aa: 'G', fraction: 0.5 },
      { aa: 'L', fraction: 0.25 },
      { aa: 'X', fraction: 0.25 },
    ]);
    expect(unused).toMatchObject({ code: 2, residues: 0, meanPlddt: null, topAminoAcids: [] });
  });

  it('gives the mutual information of tokens with DSSP and with amino acids', () => {
    // Token 0 is always helix; token 1 is C, C, C or E: I = H(ss) − H(ss | token).
    const h = (ps: number[]) => -ps.filter((p) => p > 0).reduce((s, p) => s + p * Math.log2(p), 0);
    const expected = h([3 / 7, 3 / 7, 1 / 7]) - (4 / 7) * h([0.75, 0.25]);
    expect(meaning.miSecondaryStructure).toBeCloseTo(expected, 12);
    expect(meaning.miAminoAcid).toBeGreaterThan(0);
  });
});
