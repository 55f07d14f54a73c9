/**
 * Distance-class targets for the `logit` (distogram) term: the CA–CA distance of every pair in one of
 * `edges.length + 1` classes. FoldTree2's `distogram_loss` bins squared distances against squared boundaries,
 * which orders pairs identically.
 */
import type { PaddedBatch } from '../../protocol/padded-batch';

/** Throws unless `edges` is a non-empty, strictly ascending list of finite distances (Å). */
export function assertBinEdges(edges: readonly number[]): void {
  if (edges.length === 0) throw new RangeError('distanceBinEdges must hold at least one boundary');
  edges.forEach((e, k) => {
    if (!Number.isFinite(e)) throw new RangeError(`distanceBinEdges[${k}] must be finite, got ${e}`);
    if (k > 0 && !(e > (edges[k - 1] ?? -Infinity)))
      throw new RangeError(`distanceBinEdges must be strictly ascending, got ${edges.join(', ')}`);
  });
}

/** Class of one distance d (Å): the number of boundaries ≤ d, so d = 5 Å with the default edges is class 1. */
export function distanceClass(distance: number, edges: readonly number[]): number {
  let cls = 0;
  for (const e of edges) if (e <= distance) cls++;
  return cls;
}

/**
 * Int32Array B×L×L [b, i, j]: the class of the CA–CA distance between residues i and j of protein b, from
 * `batch.residueFeatures.coords` (B×L×3, Å). Pairs touching padding get class 0; they are masked out anyway.
 */
export function distanceClasses(batch: PaddedBatch, edges: readonly number[]): Int32Array {
  assertBinEdges(edges);
  const coords = batch.residueFeatures.coords;
  if (coords === undefined) throw new Error("the distance-class targets need the 'coords' node type in the batch");
  if (coords.cols !== 3) throw new Error(`the 'coords' node type has ${coords.cols} columns, expected 3`);
  const { batchSize: B, paddedLength: L } = batch;
  const classes = new Int32Array(B * L * L);
  const c = coords.data;
  for (let b = 0; b < B; b++) {
    const n = batch.lengths[b] ?? 0;
    for (let i = 0; i < n; i++) {
      const pi = 3 * (b * L + i);
      for (let j = i + 1; j < n; j++) {
        const pj = 3 * (b * L + j);
        const dx = (c[pi] ?? 0) - (c[pj] ?? 0);
        const dy = (c[pi + 1] ?? 0) - (c[pj + 1] ?? 0);
        const dz = (c[pi + 2] ?? 0) - (c[pj + 2] ?? 0);
        // Math.hypot is several times slower in V8, and B·L²/2 distances add up at L ≈ 500.
        const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
        const cls = distanceClass(d, edges);
        classes[(b * L + i) * L + j] = cls;
        classes[(b * L + j) * L + i] = cls;
      }
    }
  }
  return classes;
}
