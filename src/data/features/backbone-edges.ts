/**
 * Sequence-neighbour edges between consecutive rows, attribute 1:
 *   `res_backbone_res`    i+1 → i (FoldTree2's matrix has its 1 at [i+1, i])
 *   `res_backbonerev_res` i → i+1
 * FoldTree2's mk1 builder fills backbonerev from the same matrix as backbone (both i+1 → i) and appends
 * self-loops to edge_index but not edge_attr; we write the reverse direction and no self-loops, so
 * index and attr lengths agree (N − 1 edges each).
 */
import type { EdgeList } from '../../protocol/protein-graph';
import { edgeList } from './edge-list';

function chainEdges(n: number, forward: boolean): EdgeList {
  const count = Math.max(0, n - 1);
  const rows = Array.from({ length: count }, (_, i) => i);
  const next = rows.map((i) => i + 1);
  const ones = new Float32Array(count).fill(1);
  return forward ? edgeList(rows, next, ones) : edgeList(next, rows, ones);
}

/** Both backbone edge lists for a chain of n residues. */
export function backboneEdges(n: number): { readonly backbone: EdgeList; readonly backboneReverse: EdgeList } {
  return { backbone: chainEdges(n, false), backboneReverse: chainEdges(n, true) };
}
