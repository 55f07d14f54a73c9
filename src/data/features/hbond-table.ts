/**
 * mkdssp's H-bond bookkeeping: every residue keeps its two lowest-energy acceptors (as a donor) and its two
 * lowest-energy donors (as an acceptor). Only pairs with CA–CA < 9 Å are evaluated, found through a grid.
 */

import type { DsspBackbone } from './dssp-backbone';
import { distanceF32, HBOND_MAX_ENERGY, hbondEnergy } from './hbond-energy';

/** Residues farther apart than this (CA–CA, Å) are never H-bonded (mkdssp's kMinimalCADistance). */
export const HBOND_CA_CUTOFF = 9;

/**
 * Two slots per compact residue, slot s of residue r at index 2r+s; partner −1 and energy 0 when empty.
 * `acceptor*`: the residue as N–H donor, partners are C=O residues. `donor*`: the residue as acceptor.
 */
export interface HbondTable {
  readonly acceptorIndex: Int32Array;
  readonly acceptorEnergy: Float64Array;
  readonly donorIndex: Int32Array;
  readonly donorEnergy: Float64Array;
}

/** Keeps the two lowest energies; a tie keeps the partner seen first, as mkdssp's strict `<` does. */
function offer(index: Int32Array, energy: Float64Array, r: number, partner: number, e: number): void {
  const s0 = 2 * r;
  if (e < (energy[s0] as number)) {
    index[s0 + 1] = index[s0] as number;
    energy[s0 + 1] = energy[s0] as number;
    index[s0] = partner;
    energy[s0] = e;
  } else if (e < (energy[s0 + 1] as number)) {
    index[s0 + 1] = partner;
    energy[s0 + 1] = e;
  }
}

/** Residue indices grouped into cubic cells of edge `cell` Å, keyed by integer cell coordinates. */
function buildGrid(
  ca: Float32Array,
  m: number,
  cell: number,
): { key: (i: number, dx: number, dy: number, dz: number) => number; cells: Map<number, number[]> } {
  const P = 1 << 16;
  const cellOf = (v: number): number => Math.floor(v / cell) + P / 2;
  const key = (i: number, dx: number, dy: number, dz: number): number =>
    ((cellOf(ca[3 * i] as number) + dx) * P + cellOf(ca[3 * i + 1] as number) + dy) * P +
    cellOf(ca[3 * i + 2] as number) +
    dz;
  const cells = new Map<number, number[]>();
  for (let i = 0; i < m; i++) {
    const k = key(i, 0, 0, 0);
    const list = cells.get(k);
    if (list === undefined) cells.set(k, [i]);
    else list.push(i);
  }
  return { key, cells };
}

/**
 * Fills the table. mkdssp visits each acceptor of a donor (and each donor of an acceptor) in increasing residue
 * order and never evaluates donor i+1 → acceptor i; we keep both so that ties resolve identically.
 */
export function computeHbondTable(bb: DsspBackbone): HbondTable {
  const { m, ca } = bb;
  const table: HbondTable = {
    acceptorIndex: new Int32Array(2 * m).fill(-1),
    acceptorEnergy: new Float64Array(2 * m),
    donorIndex: new Int32Array(2 * m).fill(-1),
    donorEnergy: new Float64Array(2 * m),
  };
  const { key, cells } = buildGrid(ca, m, HBOND_CA_CUTOFF);
  const neighbours: number[] = [];
  for (let d = 0; d < m; d++) {
    if (bb.hasH[d] !== 1) continue; // no amide H: every energy is 0 and nothing would be stored
    neighbours.length = 0;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (let dz = -1; dz <= 1; dz++) {
          const list = cells.get(key(d, dx, dy, dz));
          if (list !== undefined) for (const a of list) neighbours.push(a);
        }
      }
    }
    neighbours.sort((x, y) => x - y);
    for (const a of neighbours) {
      if (a === d || a === d - 1) continue;
      if (!(distanceF32(ca, d, ca, a) < HBOND_CA_CUTOFF)) continue;
      const e = hbondEnergy(bb.n, bb.h, d, bb.c, bb.o, a);
      offer(table.acceptorIndex, table.acceptorEnergy, d, a, e);
      offer(table.donorIndex, table.donorEnergy, a, d, e);
    }
  }
  return table;
}

/** True when donor `d` has acceptor `a` among its two best, below the H-bond cut-off (mkdssp's TestBond). */
export function testBond(table: HbondTable, d: number, a: number): boolean {
  const s0 = 2 * d;
  return (
    (table.acceptorIndex[s0] === a && (table.acceptorEnergy[s0] as number) < HBOND_MAX_ENERGY) ||
    (table.acceptorIndex[s0 + 1] === a && (table.acceptorEnergy[s0 + 1] as number) < HBOND_MAX_ENERGY)
  );
}
