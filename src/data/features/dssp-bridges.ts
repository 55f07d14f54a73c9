/**
 * β-bridges, ladders and bulges (Kabsch & Sander; mkdssp 4.2's CalculateBetaSheets), marking E and B.
 * Residue indices are compact DSSP indices (see `dssp-backbone.ts`).
 */

import { SS8_BRIDGE, SS8_STRAND } from './dssp-codes';
import { noChainBreak, type DsspBackbone } from './dssp-backbone';
import { testBond, type HbondTable } from './hbond-table';

const BridgeType = { Parallel: 1, Antiparallel: 2 } as const;
type BridgeType = (typeof BridgeType)[keyof typeof BridgeType];

/** A ladder: runs of bridge partners i (increasing) and j (increasing; antiparallel j runs against i). */
interface Ladder {
  readonly type: BridgeType;
  readonly i: number[];
  j: number[];
}

/** Bridge between residues i < j, or 0 (mkdssp's TestBridge; needs i−1, i+1, j−1, j+1 linked to i and j). */
function bridgeType(bb: DsspBackbone, t: HbondTable, i: number, j: number): BridgeType | 0 {
  const a = i - 1;
  const c = i + 1;
  const d = j - 1;
  const f = j + 1;
  if (a < 0 || f >= bb.m || !noChainBreak(bb, a, c) || !noChainBreak(bb, d, f)) return 0;
  if ((testBond(t, c, j) && testBond(t, j, a)) || (testBond(t, f, i) && testBond(t, i, d))) return BridgeType.Parallel;
  if ((testBond(t, c, d) && testBond(t, f, a)) || (testBond(t, j, i) && testBond(t, i, j)))
    return BridgeType.Antiparallel;
  return 0;
}

/**
 * Partners j that can bridge with i: every bridge pattern contains a bond from i or i+1 to j−1 or j, so the
 * acceptor slots of i and i+1 give all candidates. Returned ascending, j ≥ i+3, as mkdssp scans them.
 */
function bridgeCandidates(t: HbondTable, m: number, i: number): number[] {
  const out = new Set<number>();
  for (const donor of [i, i + 1]) {
    for (let s = 0; s < 2; s++) {
      const acc = t.acceptorIndex[2 * donor + s] as number;
      if (acc < 0) continue;
      for (const j of [acc, acc + 1]) if (j >= i + 3 && j + 1 < m) out.add(j);
    }
  }
  return [...out].sort((x, y) => x - y);
}

function findBridges(bb: DsspBackbone, t: HbondTable): Ladder[] {
  const ladders: Ladder[] = [];
  for (let i = 1; i + 4 < bb.m; i++) {
    for (const j of bridgeCandidates(t, bb.m, i)) {
      const type = bridgeType(bb, t, i, j);
      if (type === 0) continue;
      // Extend a ladder whose last bridge is (i−1, j∓1); otherwise start a new one.
      const ladder = ladders.find(
        (l) =>
          l.type === type &&
          i === (l.i[l.i.length - 1] as number) + 1 &&
          (type === BridgeType.Parallel ? (l.j[l.j.length - 1] as number) + 1 === j : (l.j[0] as number) - 1 === j),
      );
      if (ladder === undefined) ladders.push({ type, i: [i], j: [j] });
      else if (type === BridgeType.Parallel) {
        ladder.i.push(i);
        ladder.j.push(j);
      } else {
        ladder.i.push(i);
        ladder.j.unshift(j);
      }
    }
  }
  return ladders;
}

/** mkdssp compares these gaps as unsigned integers: a negative gap wraps around and never counts as small. */
function smallGap(gap: number, limit: number): boolean {
  return gap >= 0 && gap < limit;
}

/** Joins ladders of the same type separated by a bulge (gap < 6 on one strand and < 3 on the other). */
function joinBulges(bb: DsspBackbone, ladders: Ladder[]): void {
  ladders.sort((x, y) => (x.i[0] as number) - (y.i[0] as number)); // stable, like the creation order on ties
  for (let p = 0; p < ladders.length; p++) {
    const lp = ladders[p] as Ladder;
    for (let q = p + 1; q < ladders.length; q++) {
      const lq = ladders[q] as Ladder;
      const ibi = lp.i[0] as number;
      const iei = lp.i[lp.i.length - 1] as number;
      const jbi = lp.j[0] as number;
      const jei = lp.j[lp.j.length - 1] as number;
      const ibj = lq.i[0] as number;
      const iej = lq.i[lq.i.length - 1] as number;
      const jbj = lq.j[0] as number;
      const jej = lq.j[lq.j.length - 1] as number;
      if (
        lp.type !== lq.type ||
        !noChainBreak(bb, Math.min(ibi, ibj), Math.max(iei, iej)) ||
        !noChainBreak(bb, Math.min(jbi, jbj), Math.max(jei, jej)) ||
        !smallGap(ibj - iei, 6) ||
        (iei >= ibj && ibi <= iej)
      ) {
        continue;
      }
      const bulge =
        lp.type === BridgeType.Parallel
          ? (smallGap(jbj - jei, 6) && ibj - iei < 3) || smallGap(jbj - jei, 3)
          : (smallGap(jbi - jej, 6) && ibj - iei < 3) || smallGap(jbi - jej, 3);
      if (!bulge) continue;
      lp.i.push(...lq.i);
      lp.j = lp.type === BridgeType.Parallel ? [...lp.j, ...lq.j] : [...lq.j, ...lp.j];
      ladders.splice(q, 1);
      q--;
    }
  }
}

/**
 * Marks ladders as E (two or more bridges, including residues in bulges) and lone bridges as B, on both strands.
 * @param ss per compact residue; written only where it is not already E.
 */
export function markBetaStructure(bb: DsspBackbone, t: HbondTable, ss: Uint8Array): void {
  const ladders = findBridges(bb, t);
  joinBulges(bb, ladders);
  for (const ladder of ladders) {
    const code = ladder.i.length > 1 ? SS8_STRAND : SS8_BRIDGE;
    for (const strand of [ladder.i, ladder.j]) {
      for (let r = strand[0] as number; r <= (strand[strand.length - 1] as number); r++) {
        if (ss[r] !== SS8_STRAND) ss[r] = code;
      }
    }
  }
}
