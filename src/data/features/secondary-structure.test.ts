import { describe, expect, it } from 'vitest';
import { idealHairpin, idealHelix } from './dssp-test-geometry.node';
import {
  assignSecondaryStructure,
  SS_HELIX,
  SS_LOOP,
  SS_STRAND,
  type BackboneCoordinates,
} from './secondary-structure';

const LETTER: Readonly<Record<number, string>> = { [SS_LOOP]: '-', [SS_HELIX]: 'H', [SS_STRAND]: 'E' };
const states = (b: BackboneCoordinates): string =>
  Array.from(assignSecondaryStructure(b).states, (s) => LETTER[s]).join('');

/** Independent double-precision Kabsch–Sander energy, H placed 1 Å from N along the previous O→C direction. */
function handEnergy(b: BackboneCoordinates, donor: number, acceptor: number): number {
  const p = (arr: Float32Array, i: number): number[] => [
    arr[3 * i] as number,
    arr[3 * i + 1] as number,
    arr[3 * i + 2] as number,
  ];
  const dist = (u: number[], v: number[]): number =>
    Math.hypot(
      (u[0] as number) - (v[0] as number),
      (u[1] as number) - (v[1] as number),
      (u[2] as number) - (v[2] as number),
    );
  const cPrev = p(b.c, donor - 1);
  const oPrev = p(b.o, donor - 1);
  const co = dist(cPrev, oPrev);
  const n = p(b.n, donor);
  const h = n.map((x, k) => x + ((cPrev[k] as number) - (oPrev[k] as number)) / co);
  const c = p(b.c, acceptor);
  const o = p(b.o, acceptor);
  return 0.084 * 332 * (1 / dist(o, n) + 1 / dist(c, h) - 1 / dist(o, h) - 1 / dist(c, n));
}

function bondsOf(b: BackboneCoordinates): Map<string, number> {
  const { hbonds } = assignSecondaryStructure(b);
  return new Map(Array.from(hbonds.donor, (d, k) => [`${d}>${hbonds.acceptor[k]}`, hbonds.energy[k] as number]));
}

describe('assignSecondaryStructure on ideal geometry', () => {
  it('calls an ideal α-helix helix except its two end residues (mkdssp 4.2.2: -HHHHHHHHHHHHHH-)', () => {
    expect(states(idealHelix(16))).toBe('-HHHHHHHHHHHHHH-');
  });

  it('finds every i+4 → i helix H-bond with the hand-computed energy', () => {
    const helix = idealHelix(16);
    const bonds = bondsOf(helix);
    for (let donor = 4; donor < 16; donor++) {
      const energy = bonds.get(`${donor}>${donor - 4}`);
      expect(energy, `bond ${donor}→${donor - 4}`).toBeDefined();
      expect(energy as number).toBeCloseTo(handEnergy(helix, donor, donor - 4), 2);
      expect(energy as number).toBeLessThan(-0.5);
    }
    // Residue 0 has no preceding C=O, hence no amide H: it never donates.
    expect([...bonds.keys()].some((k) => k.startsWith('0>'))).toBe(false);
  });

  it('calls both arms of an antiparallel β-hairpin strand, the turn loop (mkdssp 4.2.2: -EEEEETTEEEEE-)', () => {
    const hairpin = idealHairpin();
    expect(states(hairpin)).toBe('-EEEEE--EEEEE-');
    const bonds = bondsOf(hairpin);
    for (const [i, j] of [
      [5, 8],
      [3, 10],
      [1, 12],
    ] as const) {
      for (const [d, a] of [
        [i, j],
        [j, i],
      ] as const) {
        expect(bonds.get(`${d}>${a}`), `bond ${d}→${a}`).toBeCloseTo(handEnergy(hairpin, d, a), 2);
      }
    }
  });

  it('breaks a helix at a chain break (C–N > 2.5 Å) as mkdssp does (-HHHHHH-!-HHHHHH-)', () => {
    const broken = idealHelix(16);
    for (const arr of [broken.n, broken.ca, broken.c, broken.o])
      for (let i = 8 * 3; i < 16 * 3; i += 3) (arr[i] as number) += 30;
    expect(states(broken)).toBe('-HHHHHH--HHHHHH-');
    // The first residue after the break has no amide H.
    expect([...bondsOf(broken).keys()].some((k) => k.startsWith('8>'))).toBe(false);
  });

  it('skips a residue with a missing atom like mkdssp, which also breaks the chain there', () => {
    const helix = idealHelix(16);
    helix.o.fill(NaN, 3 * 8, 3 * 9);
    expect(states(helix)).toBe('-HHHHHH---HHHHH-');
    expect([...bondsOf(helix).keys()].some((k) => k.split('>').includes('8'))).toBe(false);
  });

  it('gives prolines no amide H', () => {
    const helix = idealHelix(16);
    const proline = new Uint8Array(16);
    proline[8] = 1;
    expect([...bondsOf(helix).keys()]).toContain('8>4');
    expect([...bondsOf({ ...helix, proline }).keys()]).not.toContain('8>4');
    expect(states({ ...helix, proline })).toBe('-HHHHHHHHHHHHHH-');
  });

  it('handles an empty input and rejects arrays of the wrong length, naming the array', () => {
    const empty = {
      length: 0,
      n: new Float32Array(0),
      ca: new Float32Array(0),
      c: new Float32Array(0),
      o: new Float32Array(0),
    };
    const out = assignSecondaryStructure(empty);
    expect(out.states.length).toBe(0);
    expect(out.hbonds.donor.length).toBe(0);
    expect(() => assignSecondaryStructure({ ...idealHelix(4), ca: new Float32Array(9) })).toThrow(
      /backbone\.ca has 9 values, expected length\*3 = 12/,
    );
  });

  it('stays fast on a 3,000-residue chain (neighbour grid, CA–CA < 9 Å)', () => {
    // 60 helices of 50 residues, laid side by side 12 Å apart so that the grid has real neighbours.
    const helix = idealHelix(50);
    const count = 60;
    const big = {
      length: 50 * count,
      n: new Float32Array(150 * count),
      ca: new Float32Array(150 * count),
      c: new Float32Array(150 * count),
      o: new Float32Array(150 * count),
    };
    for (let h = 0; h < count; h++) {
      for (const key of ['n', 'ca', 'c', 'o'] as const) {
        const shifted = helix[key].map((v, i) =>
          i % 3 === 1 ? v + 12 * (h % 8) : i % 3 === 2 ? v + 12 * Math.floor(h / 8) : v,
        );
        big[key].set(shifted, 150 * h);
      }
    }
    const start = performance.now();
    const out = assignSecondaryStructure(big);
    const ms = performance.now() - start;
    console.log(`3000 residues: ${ms.toFixed(0)} ms, ${out.hbonds.donor.length} H-bonds`);
    expect(Array.from(out.states.subarray(50, 100), (s) => LETTER[s]).join('')).toBe(`-${'H'.repeat(48)}-`);
    expect(ms).toBeLessThan(5000);
  });
});
