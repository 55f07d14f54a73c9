/**
 * β(t), the commitment cost, as FoldTree2's `VectorQuantizerEMA.update_commitment_cost` computes it, but counted in
 * OPTIMIZER steps: FoldTree2 counts forward calls (micro-batches, ×accumulation steps) and does not checkpoint the
 * counter; here the trainer passes its saved optimizer step, so β does not depend on the accumulation setting and
 * survives a resume. Pure function; the schedules are a registry keyed by FoldTree2's names.
 */
import { COMMITMENT_SCHEDULES, type CommitmentScheduleName, type VqConfig } from '../protocol/run-config';

export type { CommitmentScheduleName } from '../protocol/run-config';

export interface CommitmentScheduleConfig {
  readonly schedule: CommitmentScheduleName;
  /** β at step 0 (FoldTree2's `commitment_start`; 0.1 in lightning/REF, 0.5 in HEAD monodecoder). */
  readonly start: number;
  /** β from `warmupSteps` on, and always for 'none' (FoldTree2's `commitment_cost`, default 0.9). */
  readonly end: number;
  /** T, FoldTree2's `commitment_warmup_steps` (5000 lightning/REF, 1000 HEAD monodecoder). */
  readonly warmupSteps: number;
  /** 'cosine_with_restart': periods within the warm-up, P = ⌊T/restarts⌋ (FoldTree2 hard-codes 5). Default 5. */
  readonly restarts?: number;
  /** 'cosine_with_restart': P itself (FoldTree2's `restart_interval` kwarg); wins over `restarts`. At least 1. */
  readonly restartInterval?: number;
}

/** Cosine factor 1 → 0 as `fraction` goes 0 → 1: β = end + (start − end)·c. */
function cosineFactor(fraction: number): number {
  return 0.5 * (1 + Math.cos(Math.PI * fraction));
}

/** Cosine ramps inside the warm-up of 'cosine_with_restart' (FoldTree2 hard-codes `commitment_warmup_steps // 5`). */
export const DEFAULT_RESTARTS = 5;

/** Steps per cosine ramp of 'cosine_with_restart' with the default restarts (at least 1). */
export function restartPeriod(warmupSteps: number): number {
  return Math.max(1, Math.floor(warmupSteps / DEFAULT_RESTARTS));
}

type ScheduleFn = (t: number, T: number, c: CommitmentScheduleConfig) => number;

/** One entry per schedule, each valid for 0 ≤ t < T (β = end after the warm-up is handled once, outside). */
const SCHEDULES: Record<CommitmentScheduleName, ScheduleFn> = {
  none: (_t, _T, c) => c.end,
  linear: (t, T, c) => c.start + ((c.end - c.start) * t) / T,
  cosine: (t, T, c) => c.end + (c.start - c.end) * cosineFactor(t / T),
  cosine_with_restart: (t, T, c) => {
    // A sawtooth: each interval of P steps is a full start → end half-cosine, then β jumps back to start.
    const P = Math.max(1, Math.floor(c.restartInterval ?? T / (c.restarts ?? DEFAULT_RESTARTS)));
    return c.end + (c.start - c.end) * cosineFactor((t % P) / P);
  },
};

/** β at optimizer step `step` (0 for the first step). Steps ≥ warmupSteps, or warmupSteps ≤ 0, give `end`. */
export function commitmentCost(step: number, config: CommitmentScheduleConfig): number {
  if (!Number.isInteger(step) || step < 0)
    throw new RangeError(`commitmentCost: step must be an integer ≥ 0, got ${step}`);
  const T = config.warmupSteps;
  if (T <= 0 || step >= T) return config.end;
  return SCHEDULES[config.schedule](step, T, config);
}

/** Type guard for schedule names read from a config file. */
export function isCommitmentSchedule(name: unknown): name is CommitmentScheduleName {
  return typeof name === 'string' && (COMMITMENT_SCHEDULES as readonly string[]).includes(name);
}

/** The config keys β depends on. */
export type CommitmentSettings = Pick<
  VqConfig,
  'useCommitmentScheduling' | 'commitmentSchedule' | 'commitmentStart' | 'commitmentCost' | 'commitmentWarmupSteps'
>;

/** β a run uses at optimizer step `optimizerStep` (0-based): the fixed cost unless scheduling is on. */
export function commitmentAt(vq: CommitmentSettings, optimizerStep: number): number {
  if (!vq.useCommitmentScheduling) return vq.commitmentCost;
  return commitmentCost(optimizerStep, {
    schedule: vq.commitmentSchedule,
    start: vq.commitmentStart,
    end: vq.commitmentCost,
    warmupSteps: vq.commitmentWarmupSteps,
  });
}
