/**
 * The run's LR schedule for every optimizer group: resolves warm-up from the options, evaluates the step
 * formulas, and owns the one piece of schedule state there is (the plateau tracker). The optimizer step counter
 * itself belongs to the trainer and its checkpoint; this object is asked for the LRs at a given step.
 */
import { assertNonNegativeInteger } from '../../shared/assert';
import { isRecord } from '../../shared/assert-never';
import { lrMultiplier } from './lr-multiplier';
import { parsePlateauState, PLATEAU_DEFAULTS, PlateauTracker, type PlateauOptions, type PlateauState } from './plateau';
import { isLrScheduleName, type LrScheduleName } from '../../protocol/run-config';
import type { ScheduleShape } from './schedule-shape';
import { resolveWarmupSteps, warmupMultiplier } from './warmup';

export interface LrScheduleOptions {
  /** FoldTree2 `--lr-schedule`. */
  readonly schedule: LrScheduleName;
  /** FoldTree2 `--lr-warmup-steps`; used only when `warmupRatio` is 0. */
  readonly warmupSteps: number;
  /** FoldTree2 `--lr-warmup-ratio`: W = int(T·ratio) when > 0. */
  readonly warmupRatio: number;
  /** FoldTree2 `--num-cycles` (cosine_restarts). */
  readonly numCycles: number;
  /** polynomial exponent (HF `power`). */
  readonly power: number;
  /** polynomial end LR, absolute (HF `lr_end`). */
  readonly lrEnd: number;
  /** FoldTree2 `--lr-min` (ignored there): absolute floor after warm-up, for every decaying schedule. */
  readonly lrMin: number;
  readonly plateau: PlateauOptions;
}

/** One default per key. FoldTree2 defaults `--lr-min` to 1e-6 but never uses it; 0 keeps its behaviour. */
export const LR_SCHEDULE_DEFAULTS: LrScheduleOptions = {
  schedule: 'plateau', // FoldTree2's default
  warmupSteps: 0,
  warmupRatio: 0,
  numCycles: 3,
  power: 1, // HF default: linear decay to lrEnd
  lrEnd: 0, // HF default
  lrMin: 0, // no floor
  plateau: PLATEAU_DEFAULTS,
};

export interface LrSchedulerState {
  readonly schedule: LrScheduleName;
  /** The plateau tracker's state; null for step schedules (they are pure functions of the step). */
  readonly plateau: PlateauState | null;
}

export class LrScheduler<G extends string> {
  readonly shape: ScheduleShape;
  private readonly plateau: PlateauTracker | null;

  /**
   * @param totalSteps T, optimizer steps in the run (`countOptimizerSteps`).
   * @param baseLrs base LR per optimizer group (absolute).
   */
  constructor(
    readonly options: LrScheduleOptions,
    totalSteps: number,
    private baseLrs: Readonly<Record<G, number>>,
  ) {
    const warmupSteps = resolveWarmupSteps(totalSteps, options.warmupRatio, options.warmupSteps);
    if (!(options.numCycles > 0)) throw new RangeError(`numCycles must be > 0, got ${options.numCycles}`);
    if (!(options.power > 0)) throw new RangeError(`power must be > 0, got ${options.power}`);
    if (!(options.lrEnd >= 0)) throw new RangeError(`lrEnd must be ≥ 0, got ${options.lrEnd}`);
    if (!(options.lrMin >= 0)) throw new RangeError(`lrMin must be ≥ 0, got ${options.lrMin}`);
    this.shape = { totalSteps, warmupSteps, numCycles: options.numCycles, power: options.power, lrEnd: options.lrEnd };
    const minLrs = Object.fromEntries(this.groups().map((g) => [g, Math.min(options.lrMin, this.baseLrs[g])]));
    this.plateau = options.schedule === 'plateau' ? new PlateauTracker(baseLrs, minLrs, options.plateau) : null;
  }

  /**
   * New base LRs from the next step on (a change made while training): the schedule keeps its shape, scaled to the
   * new base; a plateau schedule's current levels scale by the same ratio.
   */
  setBaseLrs(next: Readonly<Record<G, number>>): void {
    const ratios = Object.fromEntries(
      this.groups().map((g) => [g, this.baseLrs[g] > 0 ? next[g] / this.baseLrs[g] : 1]),
    );
    this.plateau?.rescale(ratios);
    this.baseLrs = { ...next };
  }

  /** LR per group for the update after `step` optimizer steps (integer ≥ 0). */
  lrs(step: number): Record<G, number> {
    const out = {} as Record<G, number>;
    for (const group of this.groups()) out[group] = this.lr(group, step);
    return out;
  }

  /** LR of one group after `step` optimizer steps. */
  lr(group: G, step: number): number {
    assertNonNegativeInteger(step, 'step');
    const schedule = this.options.schedule;
    if (schedule !== 'plateau') {
      const baseLr = this.baseLrs[group];
      return baseLr * lrMultiplier(schedule, step, this.shape, baseLr, this.options.lrMin);
    }
    // Plateau decides the level; warm-up still ramps towards it (FoldTree2 ignores warm-up here, see the docs).
    if (!this.plateau) throw new Error('plateau schedule without a plateau tracker');
    const level = this.plateau.lr(group);
    return step < this.shape.warmupSteps ? level * warmupMultiplier(step, this.shape.warmupSteps) : level;
  }

  /**
   * Tells the schedule an epoch ended with `monitored` (a loss, lower is better) after `step` optimizer steps.
   * Only `plateau` reacts; epochs ending inside warm-up never count as bad. Returns whether an LR was reduced.
   */
  endEpoch(monitored: number, step: number): boolean {
    return this.plateau ? this.plateau.step(monitored, step < this.shape.warmupSteps) : false;
  }

  state(): LrSchedulerState {
    return { schedule: this.options.schedule, plateau: this.plateau ? this.plateau.state() : null };
  }

  load(state: LrSchedulerState): void {
    if (state.schedule !== this.options.schedule)
      throw new Error(`schedule state is for ${state.schedule}, this run uses ${this.options.schedule}`);
    if (this.plateau && state.plateau) this.plateau.load(state.plateau);
    else if (this.plateau || state.plateau) throw new Error('schedule state and schedule disagree on plateau state');
  }

  private groups(): G[] {
    return Object.keys(this.baseLrs) as G[];
  }
}

/** Parses a schedule state read back from JSON; the schedule name is checked by `load`. */
export function parseLrSchedulerState(value: unknown): LrSchedulerState {
  if (!isRecord(value) || !isLrScheduleName(value.schedule))
    throw new Error('schedule state: expected { schedule, plateau }');
  return { schedule: value.schedule, plateau: value.plateau === null ? null : parsePlateauState(value.plateau) };
}
