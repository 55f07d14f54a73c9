/**
 * Residue contact graph: an edge for every ordered pair i ≠ j with CA–CA distance < cutoff, in both
 * directions, sorted by (source, target), attribute = the true distance in Å. (FoldTree2's mk1 builder
 * stores 2× the distance because `to_undirected` adds the two directions; we store the distance itself.)
 */
import type { EdgeList } from '../../protocol/protein-graph';
import { edgeList } from './edge-list';

/** FoldTree2's training files use 15 Å (the code default of 8 Å is not what the released models saw). */
export const DEFAULT_CONTACT_CUTOFF_ANGSTROM = 15;

/**
 * @param ca float32 (n × 3) CA coordinates in Å.
 * @param cutoff strict upper bound on the distance, Å.
 */
export function contactEdges(ca: Float32Array, n: number, cutoff = DEFAULT_CONTACT_CUTOFF_ANGSTROM): EdgeList {
  if (!(cutoff > 0)) throw new Error(`contact cutoff must be a positive number of Å, got ${cutoff}`);
  const sources: number[] = [];
  const targets: number[] = [];
  const distances: number[] = [];
  const cutoff2 = cutoff * cutoff;
  for (let i = 0; i < n; i++) {
    const x = ca[3 * i] ?? NaN,
      y = ca[3 * i + 1] ?? NaN,
      z = ca[3 * i + 2] ?? NaN;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const dx = (ca[3 * j] ?? NaN) - x,
        dy = (ca[3 * j + 1] ?? NaN) - y,
        dz = (ca[3 * j + 2] ?? NaN) - z;
      const d2 = dx * dx + dy * dy + dz * dz;
      if (d2 < cutoff2) {
        sources.push(i);
        targets.push(j);
        distances.push(Math.sqrt(d2));
      }
    }
  }
  return edgeList(sources, targets, Float32Array.from(distances));
}
