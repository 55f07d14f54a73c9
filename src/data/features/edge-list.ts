/** Builds `EdgeList`s (PyG's 2 × E `edge_index`, row-major) from parallel source and target rows. */
import type { EdgeList } from '../../protocol/protein-graph';

/** Edge e runs `sources[e]` → `targets[e]` (both the same length); `attr`, when given, holds one value per edge. */
export function edgeList(sources: ArrayLike<number>, targets: ArrayLike<number>, attr?: Float32Array): EdgeList {
  const count = sources.length;
  const index = new Int32Array(2 * count);
  index.set(sources, 0);
  index.set(targets, count);
  return attr ? { index, count, attr } : { index, count };
}

/** Edges from (source, target) pairs, attribute 1 on every edge when `unitAttr`. */
export function pairEdges(pairs: readonly (readonly [number, number])[], unitAttr: boolean): EdgeList {
  return edgeList(
    pairs.map(([source]) => source),
    pairs.map(([, target]) => target),
    unitAttr ? new Float32Array(pairs.length).fill(1) : undefined,
  );
}
