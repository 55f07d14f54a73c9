import { describe, expect, it } from 'vitest';
import { backboneDihedrals, dihedral } from './dihedrals';
import type { BackboneCoordinates } from './secondary-structure';

const p = (...xyz: number[]): Float32Array => Float32Array.from(xyz);

describe('dihedral', () => {
  it('matches hand-derived values (IUPAC sign, as Bio.PDB calc_dihedral)', () => {
    // b1 = (−1,0,0), b2 = (0,1,0), b3 = (0,0,1): n1 = (0,0,−1), n2 = (1,0,0) → atan2(−1, 0) = −π/2.
    expect(dihedral(p(1, 0, 0), 0, p(0, 0, 0), 0, p(0, 1, 0), 0, p(0, 1, 1), 0)).toBeCloseTo(-Math.PI / 2, 12);
    expect(dihedral(p(1, 0, 0), 0, p(0, 0, 0), 0, p(0, 1, 0), 0, p(0, 1, -1), 0)).toBeCloseTo(Math.PI / 2, 12);
    expect(dihedral(p(0, 1, 0), 0, p(0, 0, 0), 0, p(1, 0, 0), 0, p(1, 1, 0), 0)).toBe(0); // cis
    expect(Math.abs(dihedral(p(0, 1, 0), 0, p(0, 0, 0), 0, p(1, 0, 0), 0, p(1, -1, 0), 0))).toBeCloseTo(Math.PI, 12);
  });

  it('is NaN for a missing point or collinear atoms', () => {
    expect(dihedral(p(NaN, 0, 0), 0, p(0, 0, 0), 0, p(0, 1, 0), 0, p(0, 1, 1), 0)).toBeNaN();
    expect(dihedral(p(0, -1, 0), 0, p(0, 0, 0), 0, p(0, 1, 0), 0, p(0, 1, 1), 0)).toBeNaN();
  });
});

/** Residue i: N, CA, C along a zig-zag; C_i–N_{i+1} = 1.52 Å, so consecutive residues are bonded. */
function chain(length: number, shiftFrom = length): BackboneCoordinates {
  const n = new Float32Array(length * 3),
    ca = new Float32Array(length * 3);
  const c = new Float32Array(length * 3),
    o = new Float32Array(length * 3);
  for (let i = 0; i < length; i++) {
    const x = 3.8 * i + (i >= shiftFrom ? 10 : 0);
    const twist = i % 2 === 0 ? 1 : -1;
    n.set([x, 0, 0], 3 * i);
    ca.set([x + 1.2, 0.9, 0.2 * twist], 3 * i);
    c.set([x + 2.4, 0.3, 0.5], 3 * i);
    o.set([x + 2.6, -0.9, 0.6], 3 * i);
  }
  return { length, n, ca, c, o };
}

describe('backboneDihedrals', () => {
  it('leaves phi of the first and psi/omega of the last residue undefined, the rest defined', () => {
    const { angles, defined } = backboneDihedrals(chain(4));
    expect(Array.from(defined)).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
    expect(angles[0]).toBe(0);
    expect(angles[10]).toBe(0);
    expect(angles[11]).toBe(0);
    expect(angles[1]).not.toBe(0);
  });

  it('treats a C–N distance over 2 Å as a chain break', () => {
    const { defined } = backboneDihedrals(chain(4, 2)); // residues 2, 3 moved 10 Å away
    // residue 1 loses psi and omega, residue 2 loses phi
    expect(Array.from(defined)).toEqual([0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0]);
  });

  it('gives 0 and undefined for angles that need a missing atom', () => {
    const backbone = chain(3);
    backbone.c.fill(NaN, 3, 6); // residue 1 has no C
    const { angles, defined } = backboneDihedrals(backbone);
    // phi_1 needs C_1; psi_1 / omega_1 need C_1; psi_0 / omega_0 are fine; phi_2 needs C_1.
    expect(Array.from(defined)).toEqual([0, 1, 1, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(angles.subarray(3))).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
