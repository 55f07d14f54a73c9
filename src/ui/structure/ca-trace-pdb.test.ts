import { describe, expect, it } from 'vitest';
import { caTracePdb } from './ca-trace-pdb';

describe('CA trace as PDB text', () => {
  it('writes one fixed-column CA record per residue with pLDDT × 100 as the B-factor', () => {
    const lines = caTracePdb([1.5, -2.25, 10, 100.125, 0, -0.5], 'MX', [0.5, 0.925]).split('\n');
    expect(lines[0]).toBe('ATOM      1  CA  MET A   1       1.500  -2.250  10.000  1.00 50.00           C');
    expect(lines[1]).toBe('ATOM      2  CA  UNK A   2     100.125   0.000  -0.500  1.00 92.50           C');
    expect(lines[0]?.slice(30, 38).trim()).toBe('1.500'); // x in columns 31–38
    expect(lines[0]?.slice(60, 66).trim()).toBe('50.00'); // B-factor in columns 61–66
    expect(lines[2]).toBe('END');
  });
});
