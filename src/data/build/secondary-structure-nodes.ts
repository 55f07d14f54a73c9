/** Converts the secondary-structure assignment into the `ss` node matrix and `res_hbond_res` edges. */
import type { EdgeList } from '../../protocol/protein-graph';
import { edgeList } from '../features/edge-list';
import { SS_HELIX, SS_LOOP, SS_STRAND, type BackboneHbonds } from '../features/secondary-structure';

/** Column of each 3-state code in `ss`: [loop, helix, strand], FoldTree2's pydssp order. */
const SS_COLUMN: Readonly<Record<number, number>> = { [SS_LOOP]: 0, [SS_HELIX]: 1, [SS_STRAND]: 2 };

/** @returns float32 (N × 3) one-hot; an unexpected code counts as loop. */
export function secondaryStructureOneHot(states: Uint8Array): Float32Array {
  const out = new Float32Array(states.length * 3);
  states.forEach((state, i) => {
    out[3 * i + (SS_COLUMN[state] ?? 0)] = 1;
  });
  return out;
}

/** Backbone H-bonds as edges donor residue → acceptor residue, attribute = energy in kcal/mol (< 0). */
export function hbondEdgeList(hbonds: BackboneHbonds): EdgeList {
  return edgeList(hbonds.donor, hbonds.acceptor, Float32Array.from(hbonds.energy));
}
