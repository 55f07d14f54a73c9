/**
 * The residue pairs the pair losses score, as a list instead of [B, L, L] masks: every positive (contact) and
 * every sampled negative pair after confidence masking, in (protein, i, j) order, with its distance class. The
 * distance head runs on these pairs only, so its memory grows with the number of contacts, not with L² × width;
 * FoldTree2 scores the same pairs (its decoder runs on the positive and the sampled negative edge index).
 */
import * as tf from '@tensorflow/tfjs';
import type { PaddedBatch } from '../../protocol/padded-batch';
import { assertBinEdges, distanceClass } from './distance-classes';

/** Rows of a pair's two residues in the batch flattened to [B·L, ·]: b·L + i and b·L + j. */
export interface PairRows {
  /** [P] int32. */
  readonly first: tf.Tensor1D;
  /** [P] int32. */
  readonly second: tf.Tensor1D;
}

export interface ScoredPairs extends PairRows {
  /** P, at least 1: a batch without any scored pair holds one placeholder pair of weight 0 (see below). */
  readonly count: number;
  /** [P] float32: 1 for a positive (contact) pair, else 0. */
  readonly positive: tf.Tensor1D;
  /** [P] float32: 1 for a sampled negative pair, else 0. */
  readonly negative: tf.Tensor1D;
  /** [P] int32: class of the pair's CA–CA distance (`distanceClass`). */
  readonly classes: tf.Tensor1D;
}

/** The same pairs as plain arrays (what {@link scoredPairs} uploads). */
export interface PairListValues {
  readonly first: Int32Array;
  readonly second: Int32Array;
  readonly positive: Float32Array;
  readonly negative: Float32Array;
  readonly classes: Int32Array;
}

function caDistance(coords: Float32Array, rowA: number, rowB: number): number {
  const dx = (coords[3 * rowA] ?? 0) - (coords[3 * rowB] ?? 0);
  const dy = (coords[3 * rowA + 1] ?? 0) - (coords[3 * rowB + 1] ?? 0);
  const dz = (coords[3 * rowA + 2] ?? 0) - (coords[3 * rowB + 2] ?? 0);
  return Math.sqrt(dx * dx + dy * dy + dz * dz);
}

/**
 * The pairs where `positive` or `negative` (Float32Array B×L×L [b, i, j], disjoint 0/1 masks) is 1. Without any,
 * one placeholder pair (0, 0) of weight 0 in both lists keeps the distance head in the gradient graph, so its
 * parameters get an exact zero gradient instead of none.
 */
export function pairListValues(
  batch: PaddedBatch,
  positive: Float32Array,
  negative: Float32Array,
  edges: readonly number[],
): PairListValues {
  assertBinEdges(edges);
  const coords = batch.residueFeatures.coords;
  if (coords === undefined) throw new Error("the distance-class targets need the 'coords' node type in the batch");
  if (coords.cols !== 3) throw new Error(`the 'coords' node type has ${coords.cols} columns, expected 3`);
  const { batchSize: B, paddedLength: L } = batch;
  let count = 0;
  for (let cell = 0; cell < B * L * L; cell++) if (positive[cell] === 1 || negative[cell] === 1) count++;
  const size = Math.max(count, 1);
  const values = {
    first: new Int32Array(size),
    second: new Int32Array(size),
    positive: new Float32Array(size),
    negative: new Float32Array(size),
    classes: new Int32Array(size),
  };
  let p = 0;
  for (let b = 0; b < B; b++) {
    const n = batch.lengths[b] ?? 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const cell = (b * L + i) * L + j;
        if (positive[cell] !== 1 && negative[cell] !== 1) continue;
        values.first[p] = b * L + i;
        values.second[p] = b * L + j;
        values.positive[p] = positive[cell] === 1 ? 1 : 0;
        values.negative[p] = negative[cell] === 1 ? 1 : 0;
        values.classes[p] = distanceClass(caDistance(coords.data, b * L + i, b * L + j), edges);
        p++;
      }
    }
  }
  return values;
}

/** The scored pairs of a batch as tensors; the owner disposes them with {@link disposeScoredPairs}. */
export function scoredPairs(
  batch: PaddedBatch,
  positive: Float32Array,
  negative: Float32Array,
  edges: readonly number[],
): ScoredPairs {
  const v = pairListValues(batch, positive, negative, edges);
  const P = v.first.length;
  return {
    count: P,
    first: tf.tensor1d(v.first, 'int32'),
    second: tf.tensor1d(v.second, 'int32'),
    positive: tf.tensor1d(v.positive, 'float32'),
    negative: tf.tensor1d(v.negative, 'float32'),
    classes: tf.tensor1d(v.classes, 'int32'),
  };
}

export function disposeScoredPairs(pairs: ScoredPairs): void {
  tf.dispose([pairs.first, pairs.second, pairs.positive, pairs.negative, pairs.classes]);
}
