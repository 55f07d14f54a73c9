/**
 * The commitment cost β a run's config gives at each optimizer step, for the teaching view's preview before and
 * during training, from the trainer's own schedule (`src/config/commitment-schedule.ts`).
 *
 * Steps: the trainer uses β(t) for optimizer step t (0 for the first) and reports it in the metric point of step
 * t + 1, so a curve point at chart step s carries β(s − 1) and lines up with the run's `commitmentCost` series.
 */
import { commitmentAt, restartPeriod, type CommitmentSettings } from '../../config/commitment-schedule';

export { commitmentAt, type CommitmentSettings } from '../../config/commitment-schedule';

/** One point of a β curve: chart step (1-based, as in metric points) and β. */
export interface BetaPoint {
  readonly step: number;
  readonly value: number;
}

/**
 * β over chart steps 1 … `steps` (β(s − 1) at step s). Every step when there are at most `maxPoints`; otherwise
 * evenly spaced steps plus both sides of every jump (a restart, the end of the warm-up), so a long sawtooth keeps
 * its teeth. Always includes the first and last step; empty for `steps` < 1.
 */
export function commitmentCurve(vq: CommitmentSettings, steps: number, maxPoints = 400): BetaPoint[] {
  const last = Math.floor(steps);
  if (last < 1) return [];
  const chosen = new Set<number>();
  if (last <= maxPoints) {
    for (let s = 1; s <= last; s++) chosen.add(s);
  } else {
    const stride = (last - 1) / (maxPoints - 1);
    for (let k = 0; k < maxPoints; k++) chosen.add(1 + Math.round(k * stride));
    for (const jump of jumpSteps(vq, last)) {
      chosen.add(jump);
      if (jump > 1) chosen.add(jump - 1);
    }
  }
  return [...chosen].sort((a, b) => a - b).map((step) => ({ step, value: commitmentAt(vq, step - 1) }));
}

/** Chart steps ≤ `last` where β jumps: each restart, and the end of the warm-up (step T + 1 carries β(T)). */
function jumpSteps(vq: CommitmentSettings, last: number): number[] {
  const T = vq.commitmentWarmupSteps;
  if (!vq.useCommitmentScheduling || T <= 0) return [];
  const jumps = T + 1 <= last ? [T + 1] : [];
  if (vq.commitmentSchedule === 'cosine_with_restart') {
    const period = restartPeriod(T);
    for (let t = period; t < T && t + 1 <= last; t += period) jumps.push(t + 1);
  }
  return jumps;
}

/** What the planned run looks like from the page: how many optimizer steps it takes, and whether that is exact. */
export interface PlannedSteps {
  readonly steps: number;
  /** False when estimated from the dataset size (the trainer may skip unreadable proteins). */
  readonly exact: boolean;
}

/**
 * Optimizer steps of a run before it starts: `maxSteps` when set, else epochs × ⌈batches per trainer and epoch /
 * accumulation⌉ (the trainer's count, each trainer taking its shard of the `proteinCount` proteins). Capped by
 * `maxSteps` when both apply.
 */
export function plannedSteps(
  training: {
    readonly maxSteps: number;
    readonly epochs: number;
    readonly batchSize: number;
    readonly gradientAccumulationSteps: number;
  },
  proteinCount: number,
  trainers: number,
): PlannedSteps {
  const perTrainer = Math.ceil(proteinCount / Math.max(1, trainers));
  const batches = Math.ceil(perTrainer / Math.max(1, training.batchSize));
  const all = training.epochs * Math.ceil(batches / Math.max(1, training.gradientAccumulationSteps));
  if (training.maxSteps > 0)
    return {
      steps: all > 0 ? Math.min(training.maxSteps, all) : training.maxSteps,
      exact: all > 0 && training.maxSteps <= all,
    };
  return { steps: all, exact: false };
}

/**
 * How far the overlay's preview reaches while a run trains: a little ahead of the latest step (a quarter more, at
 * least 10 steps) so the coming part of the schedule shows without squeezing the steps taken; never past `horizon`.
 */
export function previewReach(latestStep: number, horizon: number): number {
  if (latestStep <= 0) return horizon;
  return Math.min(Math.max(horizon, latestStep), Math.max(latestStep + 10, Math.ceil(latestStep * 1.25)));
}
