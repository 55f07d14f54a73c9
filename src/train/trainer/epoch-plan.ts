/**
 * Which proteins each optimizer step of an epoch uses, on one rank: shuffle with (seed, epoch), take this rank's
 * shard, cut it into micro-batches, group micro-batches into accumulation windows (the last may be partial).
 */
import { epochOrder } from '../../data/batch/epoch-order';
import { batchesOf, shardOf } from '../../data/batch/shard';

export interface EpochPlanOptions {
  readonly seed: number;
  readonly epoch: number;
  readonly rank: number;
  readonly worldSize: number;
  readonly batchSize: number;
  readonly accumulationSteps: number;
}

/** windows[w][m] = protein indices of micro-batch m of optimizer step w. */
export function epochWindows(proteinCount: number, options: EpochPlanOptions): number[][][] {
  const order = epochOrder(proteinCount, options.seed, options.epoch);
  const micro = batchesOf(shardOf(order, options.rank, options.worldSize), options.batchSize, { dropLast: false }).map(
    (b) => Array.from(b),
  );
  const windows: number[][][] = [];
  for (let k = 0; k < micro.length; k += options.accumulationSteps)
    windows.push(micro.slice(k, k + options.accumulationSteps));
  return windows;
}

/** Optimizer steps per epoch on rank 0 (ranks differ by at most one micro-batch, never by a window). */
export function stepsPerEpoch(proteinCount: number, options: Omit<EpochPlanOptions, 'epoch' | 'seed'>): number {
  const shard = Math.ceil(proteinCount / options.worldSize);
  return Math.ceil(Math.ceil(shard / options.batchSize) / options.accumulationSteps);
}
