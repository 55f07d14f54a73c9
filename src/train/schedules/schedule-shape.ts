/**
 * What every step-driven schedule reads: the length of the run in optimizer steps and the resolved warm-up, plus
 * the few per-kind knobs. Steps count OPTIMIZER steps (one per accumulation window), never micro-batches.
 */

export interface ScheduleShape {
  /** T: optimizer steps in the whole run (see `countOptimizerSteps`). Integer ≥ 0. */
  readonly totalSteps: number;
  /** W: warm-up length in optimizer steps, already resolved from ratio/steps (see `resolveWarmupSteps`). */
  readonly warmupSteps: number;
  /** C of `cosine_restarts`: number of hard restarts over the decay. FoldTree2 `--num-cycles`, default 3. */
  readonly numCycles: number;
  /** Exponent of `polynomial`; 1 is a straight line (HF's default). */
  readonly power: number;
  /** Absolute LR that `polynomial` ends at (HF `lr_end`, default 0). Must be below every group's base LR if > 0. */
  readonly lrEnd: number;
}

/**
 * The decay part of a schedule: the multiplier of a group's base LR at optimizer step `step` ≥ W (warm-up is
 * applied once, outside, for every kind). `baseLr` is the group's base LR; only `polynomial` reads it, because
 * its absolute `lrEnd` is a different fraction of each group's LR.
 */
export type DecayMultiplier = (step: number, shape: ScheduleShape, baseLr: number) => number;

/** HF's progress through the decay: p = (s − W) / max(1, T − W); 0 at the end of warm-up, 1 at step T. */
export function decayProgress(step: number, shape: ScheduleShape): number {
  return (step - shape.warmupSteps) / Math.max(1, shape.totalSteps - shape.warmupSteps);
}
