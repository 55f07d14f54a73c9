/**
 * n-turns and minimal helices (Kabsch & Sander with mkdssp 4.2's priorities): two consecutive 4-turns make an
 * α-helix H (overriding everything), 3-turns a 3₁₀-helix G (only over loop or G), 5-turns a π-helix I (over loop,
 * I or H: mkdssp 4 prefers π over α). Residue indices are compact DSSP indices.
 */

import { SS8_310, SS8_ALPHA, SS8_LOOP, SS8_PI } from './dssp-codes';
import { noChainBreak, type DsspBackbone } from './dssp-backbone';
import { testBond, type HbondTable } from './hbond-table';

/** turn[i] = 1 when residue i+n donates an H-bond to i's C=O with no break in between (an n-turn at i). */
export function findTurns(bb: DsspBackbone, t: HbondTable, n: number): Uint8Array {
  const turn = new Uint8Array(bb.m);
  for (let i = 0; i + n < bb.m; i++) {
    if (noChainBreak(bb, i, i + n) && testBond(t, i + n, i)) turn[i] = 1;
  }
  return turn;
}

/** Sets `code` on i..i+n−1 wherever turns start at i−1 and i, if every residue there is in `allowed`. */
function markMinimalHelices(
  ss: Uint8Array,
  turn: Uint8Array,
  n: number,
  code: number,
  allowed: readonly number[] | null,
): void {
  for (let i = 1; i + n < ss.length; i++) {
    if (turn[i] !== 1 || turn[i - 1] !== 1) continue;
    let free = true;
    for (let r = i; free && allowed !== null && r < i + n; r++) free = allowed.includes(ss[r] as number);
    if (free) ss.fill(code, i, i + n);
  }
}

/**
 * Writes H, G and I into `ss` (per compact residue), which already holds E/B from the sheet pass.
 * Turns alone (T) and bends (S) are loop in the 3-state alphabet and are not marked.
 */
export function markHelices(bb: DsspBackbone, t: HbondTable, ss: Uint8Array): void {
  const turn3 = findTurns(bb, t, 3);
  const turn4 = findTurns(bb, t, 4);
  const turn5 = findTurns(bb, t, 5);
  markMinimalHelices(ss, turn4, 4, SS8_ALPHA, null);
  markMinimalHelices(ss, turn3, 3, SS8_310, [SS8_LOOP, SS8_310]);
  markMinimalHelices(ss, turn5, 5, SS8_PI, [SS8_LOOP, SS8_PI, SS8_ALPHA]);
}
