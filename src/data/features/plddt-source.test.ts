import { describe, expect, it } from 'vitest';
import type { Atom, Residue } from '../structure/structure-types';
import { classifyBColumn, type BColumnHeader } from './plddt-source';

function residue(bValues: readonly number[]): Residue {
  const names = ['CA', 'N', 'C', 'O', 'CB'];
  const atoms = new Map<string, Atom>();
  bValues.forEach((bFactor, k) => {
    const name = names[k] ?? `X${k}`;
    atoms.set(name, { name, element: name[0] ?? 'C', x: 0, y: 0, z: 0, bFactor, occupancy: 1 });
  });
  return { name: 'ALA', seqNum: 1, insertionCode: '', hetero: false, atoms };
}

const bare: BColumnHeader = { experimentalMethod: '', hasUnitCell: false, predictor: '' };
/** Predictor style: one value per residue. */
const perResidue = [90, 85, 40, 70].map((b) => residue([b, b, b, b]));
/** Refinement style: every atom its own value. */
const perAtom = [20, 25, 30, 35].map((b) => residue([b, b + 1, b + 2, b - 1]));

describe('classifyBColumn', () => {
  it('is unknown when the CA column is constant (all zero or one placeholder)', () => {
    expect(classifyBColumn(bare, [residue([0, 0]), residue([0, 0])])).toBe('unknown');
    expect(classifyBColumn({ ...bare, predictor: 'AlphaFold' }, [residue([15]), residue([15])])).toBe('unknown');
  });

  it('trusts experiment markers first', () => {
    expect(classifyBColumn({ ...bare, experimentalMethod: 'X-RAY DIFFRACTION' }, perResidue)).toBe('bfactor');
    expect(classifyBColumn({ ...bare, hasUnitCell: true, predictor: 'AlphaFold' }, perResidue)).toBe('bfactor');
    // "THEORETICAL MODEL" is not an experiment.
    expect(classifyBColumn({ ...bare, experimentalMethod: 'THEORETICAL MODEL' }, perResidue)).toBe('plddt');
  });

  it('reads pLDDT when a predictor is named and values lie in [0, 100]', () => {
    expect(classifyBColumn({ ...bare, predictor: 'AlphaFold' }, perAtom)).toBe('plddt');
    expect(classifyBColumn({ ...bare, predictor: 'AlphaFold' }, [residue([50]), residue([150])])).toBe('unknown');
  });

  it('without any header, needs one value per residue to call it pLDDT', () => {
    expect(classifyBColumn(bare, perResidue)).toBe('plddt');
    expect(classifyBColumn(bare, perAtom)).toBe('bfactor');
    // CA-only: cannot tell, so the cautious answer.
    expect(classifyBColumn(bare, [residue([80]), residue([60])])).toBe('bfactor');
    expect(classifyBColumn(bare, [residue([180, 180]), residue([160, 160])])).toBe('bfactor');
  });
});
