/**
 * DSSP secondary structure (Kabsch & Sander 1983, as implemented by mkdssp 4.2) reduced to three states, plus
 * the backbone H-bonds it is built from. See docs/secondary-structure.md for the algorithm and measured agreement.
 */

import type { BackboneCoordinates } from './backbone-coordinates';
import { buildDsspBackbone } from './dssp-backbone';
import { markBetaStructure } from './dssp-bridges';
import { SS8_310, SS8_ALPHA, SS8_BRIDGE, SS8_PI, SS8_STRAND } from './dssp-codes';
import { markHelices } from './dssp-helices';
import { HBOND_MAX_ENERGY } from './hbond-energy';
import { computeHbondTable, type HbondTable } from './hbond-table';

export type { BackboneCoordinates } from './backbone-coordinates';

/** 3-state code: anything but the two below (DSSP T, S, P, blank, skipped residues). */
export const SS_LOOP = 0;
/** 3-state code: DSSP H (α), G (3₁₀) or I (π). */
export const SS_HELIX = 1;
/** 3-state code: DSSP E (ladder) or B (isolated bridge). */
export const SS_STRAND = 2;

/**
 * Backbone H-bonds with energy < −0.5 kcal/mol, one entry per (donor, acceptor) pair, sorted by donor then
 * acceptor: donor N–H of residue `donor[k]` → acceptor C=O of residue `acceptor[k]` (input residue indices);
 * `energy[k]` in kcal/mol (float32, ≥ −9.9). Holds each donor's two best acceptors and each acceptor's two best
 * donors, the bonds mkdssp lists.
 */
export interface BackboneHbonds {
  readonly donor: Int32Array;
  readonly acceptor: Int32Array;
  readonly energy: Float32Array;
}

export interface SecondaryStructure {
  /** Per input residue (`backbone.length`): SS_LOOP, SS_HELIX (DSSP H, G, I) or SS_STRAND (E, B). */
  readonly states: Uint8Array;
  readonly hbonds: BackboneHbonds;
}

function collectHbonds(t: HbondTable, source: Int32Array): BackboneHbonds {
  const bonds = new Map<string, { donor: number; acceptor: number; energy: number }>();
  const add = (donor: number, acceptor: number, energy: number): void => {
    if (acceptor < 0 || !(energy < HBOND_MAX_ENERGY)) return;
    bonds.set(`${donor},${acceptor}`, { donor, acceptor, energy });
  };
  for (let r = 0; r < source.length; r++) {
    for (let s = 0; s < 2; s++) {
      add(r, t.acceptorIndex[2 * r + s] as number, t.acceptorEnergy[2 * r + s] as number);
      add(t.donorIndex[2 * r + s] as number, r, t.donorEnergy[2 * r + s] as number);
    }
  }
  const list = [...bonds.values()].sort((x, y) => x.donor - y.donor || x.acceptor - y.acceptor);
  return {
    donor: Int32Array.from(list, (b) => source[b.donor] as number),
    acceptor: Int32Array.from(list, (b) => source[b.acceptor] as number),
    energy: Float32Array.from(list, (b) => b.energy),
  };
}

const THREE_STATE: Readonly<Record<number, number>> = {
  [SS8_ALPHA]: SS_HELIX,
  [SS8_310]: SS_HELIX,
  [SS8_PI]: SS_HELIX,
  [SS8_STRAND]: SS_STRAND,
  [SS8_BRIDGE]: SS_STRAND,
};

/**
 * Assigns DSSP secondary structure. Residues lacking N, CA, C or O are skipped (loop, no H-bonds), like mkdssp.
 * @throws Error when an array length disagrees with `backbone.length`.
 */
export function assignSecondaryStructure(backbone: BackboneCoordinates): SecondaryStructure {
  const bb = buildDsspBackbone(backbone);
  const table = computeHbondTable(bb);
  const ss8 = new Uint8Array(bb.m);
  // Order matters: sheets first, then helices (H overrides E/B; G and I only fill allowed states).
  markBetaStructure(bb, table, ss8);
  markHelices(bb, table, ss8);
  const states = new Uint8Array(backbone.length);
  for (let k = 0; k < bb.m; k++) states[bb.source[k] as number] = THREE_STATE[ss8[k] as number] ?? SS_LOOP;
  return { states, hbonds: collectHbonds(table, bb.source) };
}
