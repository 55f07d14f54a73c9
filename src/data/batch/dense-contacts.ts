/**
 * Scatters a protein's contact edge list into its dense L×L slice of the batch, keeping only edges
 * with both ends inside the crop window and renumbering them to the window.
 */
import type { ProteinGraph } from '../../protocol/protein-graph';
import type { CropWindow } from './crop-window';

/**
 * Writes protein `b`'s contacts into `mask` / `distance` (both B×L×L, indexed [b, src, dst]) and
 * returns how many distinct cells were set. A duplicated edge sets its cell once; its last distance wins.
 * Throws when the contact group is missing, has no distances, or names a residue outside the chain.
 */
export function scatterContacts(
  graph: ProteinGraph,
  window: CropWindow,
  b: number,
  paddedLength: number,
  mask: Uint8Array,
  distance: Float32Array,
): number {
  const edges = graph.edges.res_contactPoints_res;
  if (edges === undefined) throw new Error(`padBatch: protein ${graph.id} has no res_contactPoints_res edges`);
  const { index, count, attr } = edges;
  if (index.length !== 2 * count) {
    throw new Error(
      `padBatch: protein ${graph.id} res_contactPoints_res edge_index has ${index.length} values, expected 2×${count}`,
    );
  }
  if (attr === undefined || attr.length !== count) {
    throw new Error(
      `padBatch: protein ${graph.id} res_contactPoints_res needs ${count} distances (edge_attr), got ${attr?.length ?? 'none'}`,
    );
  }
  const base = b * paddedLength * paddedLength;
  let set = 0;
  for (let e = 0; e < count; e++) {
    const src = index[e] ?? -1;
    const dst = index[count + e] ?? -1;
    if (src < 0 || src >= graph.length || dst < 0 || dst >= graph.length) {
      throw new Error(
        `padBatch: protein ${graph.id} contact edge ${e} (${src}→${dst}) is outside its ${graph.length} residues`,
      );
    }
    // Edges leaving the crop window have no row to land in; they are dropped, not clamped.
    if (src < window.start || src >= window.end || dst < window.start || dst >= window.end) continue;
    const cell = base + (src - window.start) * paddedLength + (dst - window.start);
    if (mask[cell] === 0) set++;
    mask[cell] = 1;
    distance[cell] = attr[e] ?? 0;
  }
  return set;
}
