import { describe, expect, it } from 'vitest';
import { distanceF32, HBOND_MIN_ENERGY, hbondEnergy, hbondEnergyFromDistances } from './hbond-energy';

describe('hbondEnergyFromDistances', () => {
  it('matches E = 0.084·332·(1/rON + 1/rCH − 1/rOH − 1/rCN) computed by hand', () => {
    // rON 3, rCH 3.5, rOH 2, rCN 4: 1/3 + 2/7 − 1/2 − 1/4 = −11/84, times 27.888 = −3.652 exactly.
    expect(hbondEnergyFromDistances(2, 3.5, 4, 3)).toBeCloseTo(-3.652, 6);
    // rON 2.9, rCH 3.13, rOH 1.9, rCN 4.13 → −2.90398… (Python, double precision), rounded to 0.001 like mkdssp.
    expect(hbondEnergyFromDistances(1.9, 3.13, 4.13, 2.9)).toBeCloseTo(-2.904, 6);
  });

  it('is rounded to 0.001 kcal/mol and is exactly 0 when the H sits on the N (no amide H)', () => {
    expect(hbondEnergyFromDistances(1.9, 3.13, 4.13, 2.9) * 1000).toBe(-2904);
    // rOH = rON and rCH = rCN: the four terms cancel.
    expect(hbondEnergyFromDistances(3, 4, 4, 3)).toBe(0);
  });

  it('clamps at −9.9 kcal/mol, and gives −9.9 when any distance is under 0.5 Å', () => {
    expect(hbondEnergyFromDistances(0.6, 5, 5, 1.5)).toBe(HBOND_MIN_ENERGY);
    expect(hbondEnergyFromDistances(0.4, 3, 4, 3)).toBe(HBOND_MIN_ENERGY);
    expect(HBOND_MIN_ENERGY).toBeCloseTo(-9.9, 6);
  });
});

describe('hbondEnergy', () => {
  it('uses donor N and H, acceptor C and O (collinear N–H···O=C at 1, 2, 1 Å gaps: −27.888/12)', () => {
    const n = new Float32Array([0, 0, 0]);
    const h = new Float32Array([1, 0, 0]);
    const o = new Float32Array([3, 0, 0]);
    const c = new Float32Array([4, 0, 0]);
    // rON 3, rCH 3, rOH 2, rCN 4: 1/3 + 1/3 − 1/2 − 1/4 = −1/12.
    expect(hbondEnergy(n, h, 0, c, o, 0)).toBeCloseTo(-2.324, 6);
  });

  it('takes float32 distances that agree with double precision to float accuracy', () => {
    const a = new Float32Array([1.5, -2.25, 3.125, 10.1, 20.2, -30.3]);
    const exact = Math.hypot(10.1 - 1.5, 20.2 + 2.25, -30.3 - 3.125);
    expect(distanceF32(a, 0, a, 1)).toBeCloseTo(exact, 4);
  });
});
