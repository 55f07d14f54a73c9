/**
 * Dealing one epoch's order to data-parallel ranks, and cutting a rank's shard into batches.
 *
 * Shards are strided (rank r takes positions r, r+W, r+2W, … of the order), like PyTorch's
 * `DistributedSampler` without its padding: the W shards are disjoint, together hold every entry
 * exactly once, and their sizes differ by at most one (ranks below `n mod W` hold one more).
 */
import { assertIntegerInRange, assertPositiveInteger } from '../../shared/assert';

function checkRank(rank: number, worldSize: number, caller: string): void {
  assertPositiveInteger(worldSize, `${caller} worldSize`);
  if (!Number.isInteger(rank) || rank < 0 || rank >= worldSize) {
    throw new RangeError(
      `${caller}: rank ${String(rank)} is not an integer in [0, ${worldSize}) for worldSize ${worldSize}`,
    );
  }
}

/** Number of entries rank `rank` receives from an order of length `count`: ⌈(count − rank) / W⌉. */
export function shardSize(count: number, rank: number, worldSize: number): number {
  return sizeOf(count, rank, worldSize, 'shardSize');
}

function sizeOf(count: number, rank: number, worldSize: number, caller: string): number {
  checkRank(rank, worldSize, caller);
  return rank < count ? Math.floor((count - rank - 1) / worldSize) + 1 : 0;
}

/**
 * The entries of `order` that belong to `rank` of `worldSize` (a new Int32Array, in order).
 * Throws a RangeError when `worldSize` is not a positive integer or `rank` is outside [0, worldSize).
 */
export function shardOf(order: ArrayLike<number>, rank: number, worldSize: number): Int32Array {
  const shard = new Int32Array(sizeOf(order.length, rank, worldSize, 'shardOf'));
  for (let k = 0, i = rank; k < shard.length; k++, i += worldSize) shard[k] = order[i] ?? 0;
  return shard;
}

export interface BatchesOfOptions {
  /** Drop a final batch smaller than `batchSize` (default false: keep it). */
  readonly dropLast?: boolean;
}

/**
 * Splits `shard` into consecutive batches of `batchSize` entries (copies, so each can be
 * transferred on its own). The last batch is shorter unless `dropLast` removes it.
 */
export function batchesOf(shard: ArrayLike<number>, batchSize: number, options: BatchesOfOptions = {}): Int32Array[] {
  assertPositiveInteger(batchSize, 'batchesOf batchSize');
  const count = options.dropLast === true ? Math.floor(shard.length / batchSize) : Math.ceil(shard.length / batchSize);
  const batches: Int32Array[] = [];
  for (let b = 0; b < count; b++) {
    const start = b * batchSize;
    const batch = new Int32Array(Math.min(batchSize, shard.length - start));
    for (let k = 0; k < batch.length; k++) batch[k] = shard[start + k] ?? 0;
    batches.push(batch);
  }
  return batches;
}

/**
 * Micro-batches per rank per epoch under data parallelism: the batch count of the largest shard
 * (rank 0). A rank whose shard yields one batch fewer contributes an empty, zero-weight share to the
 * last micro-batch, so every rank still joins every all-reduce.
 */
export function batchesPerEpoch(
  proteinCount: number,
  worldSize: number,
  batchSize: number,
  options: BatchesOfOptions = {},
): number {
  assertIntegerInRange(proteinCount, 0, 0x7fff_ffff, 'batchesPerEpoch proteinCount');
  assertPositiveInteger(batchSize, 'batchesPerEpoch batchSize');
  const largest = sizeOf(proteinCount, 0, worldSize, 'batchesPerEpoch');
  return options.dropLast === true ? Math.floor(largest / batchSize) : Math.ceil(largest / batchSize);
}
