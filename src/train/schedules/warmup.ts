/**
 * Warm-up and run length, the two numbers every step schedule needs, computed as FoldTree2 (HF transformers)
 * computes them, with the one difference documented on `countOptimizerSteps`.
 */
import { assertNonNegativeInteger, assertPositiveInteger } from '../../shared/assert';

/**
 * W = int(T·ratio) when ratio > 0, else `warmupSteps` (FoldTree2 `--lr-warmup-ratio` / `--lr-warmup-steps`).
 * Truncates like Python's int(): T = 100, ratio 0.57 gives 56, because 100·0.57 = 56.99999999999999 in doubles.
 */
export function resolveWarmupSteps(totalSteps: number, warmupRatio: number, warmupSteps: number): number {
  assertNonNegativeInteger(totalSteps, 'totalSteps');
  assertNonNegativeInteger(warmupSteps, 'warmupSteps');
  if (!(warmupRatio >= 0 && warmupRatio <= 1))
    throw new RangeError(`warmupRatio must be in [0, 1], got ${String(warmupRatio)}`);
  return warmupRatio > 0 ? Math.floor(totalSteps * warmupRatio) : warmupSteps;
}

/**
 * Linear warm-up multiplier s / max(1, W) for s < W. Step 0 therefore runs at LR 0 whenever W > 0: that is HF's
 * formula, kept on purpose so runs match FoldTree2 step for step. The weights do not move on that step (decoupled
 * weight decay is scaled by the LR too), but the optimizer's moments and step count still take in the gradient.
 */
export function warmupMultiplier(step: number, warmupSteps: number): number {
  return step / Math.max(1, warmupSteps);
}

/**
 * T for a run: every optimizer step counts, including the extra step on an epoch's leftover micro-batches, so
 * T = epochs · ceil(batchesPerEpoch / accumulationSteps) and the schedule reaches its end exactly at the last step.
 * FoldTree2 sets T = floor(batchesPerEpoch·epochs / accum) but does not step the scheduler after leftover steps,
 * so when batchesPerEpoch % accum ≠ 0 its schedule stops short of its end (e.g. 5 batches, accum 2, 10 epochs:
 * T = 25 but only 20 scheduler steps are taken).
 */
export function countOptimizerSteps(batchesPerEpoch: number, epochs: number, accumulationSteps: number): number {
  assertNonNegativeInteger(batchesPerEpoch, 'batchesPerEpoch');
  assertNonNegativeInteger(epochs, 'epochs');
  assertPositiveInteger(accumulationSteps, 'accumulationSteps');
  return epochs * Math.ceil(batchesPerEpoch / accumulationSteps);
}
