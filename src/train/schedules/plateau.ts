/**
 * PyTorch `ReduceLROnPlateau` (mode 'min', threshold mode 'rel') as a small stateful object, stepped once per
 * epoch with the monitored value (a loss). Per group it holds the current plateau LR, as PyTorch mutates each
 * group's `lr`; the scheduler multiplies it by warm-up. State is plain JSON (`best` is null before the first
 * epoch because JSON cannot hold PyTorch's initial +inf).
 */
import { isRecord } from '../../shared/assert-never';

export interface PlateauOptions {
  /** new LR = max(LR·factor, minLr). FoldTree2: 0.1 (REF, HEAD lightning), 0.5 (HEAD monodecoder). */
  readonly factor: number;
  /** Bad epochs tolerated; the LR drops on the (patience + 1)-th consecutive bad epoch. */
  readonly patience: number;
  /** Relative improvement needed: better means value < best·(1 − threshold). */
  readonly threshold: number;
  /** Epochs after a reduction during which bad epochs are not counted. */
  readonly cooldown: number;
}

/** PyTorch's defaults with FoldTree2's patience 2. */
export const PLATEAU_DEFAULTS: PlateauOptions = { factor: 0.1, patience: 2, threshold: 1e-4, cooldown: 0 };

/** PyTorch's `eps`: a reduction smaller than this (absolute LR) is not applied. */
const MIN_LR_CHANGE = 1e-8;

export interface PlateauState {
  /** Current plateau LR per group (before warm-up). */
  readonly lrs: Readonly<Record<string, number>>;
  /** Best monitored value so far; null before the first epoch. */
  readonly best: number | null;
  readonly numBadEpochs: number;
  readonly cooldownCounter: number;
  /** Epochs stepped so far (PyTorch `last_epoch`). */
  readonly epochs: number;
}

export class PlateauTracker {
  private lrs: Record<string, number>;
  private best: number | null = null;
  private numBadEpochs = 0;
  private cooldownCounter = 0;
  private epochs = 0;

  /**
   * @param baseLrs base LR per group (absolute).
   * @param minLrs floor per group (absolute), PyTorch `min_lr`; missing groups floor at 0.
   */
  constructor(
    baseLrs: Readonly<Record<string, number>>,
    private readonly minLrs: Readonly<Record<string, number>>,
    private readonly options: PlateauOptions = PLATEAU_DEFAULTS,
  ) {
    if (!(options.factor > 0 && options.factor < 1))
      throw new RangeError(`plateau factor must be in (0, 1), got ${options.factor}`);
    if (!Number.isInteger(options.patience) || options.patience < 0)
      throw new RangeError(`plateau patience must be an integer ≥ 0`);
    if (!Number.isInteger(options.cooldown) || options.cooldown < 0)
      throw new RangeError(`plateau cooldown must be an integer ≥ 0`);
    if (!(options.threshold >= 0)) throw new RangeError(`plateau threshold must be ≥ 0`);
    this.lrs = { ...baseLrs };
  }

  /** Multiplies each group's current level by its factor (a base LR changed while training). */
  rescale(factors: Readonly<Record<string, number>>): void {
    for (const [group, factor] of Object.entries(factors))
      if (group in this.lrs) this.lrs[group] = (this.lrs[group] ?? 0) * factor;
  }

  /**
   * Records one epoch's monitored value and reduces the LRs if it was the (patience + 1)-th bad epoch in a row.
   * NaN counts as bad (it is never better). With `inWarmup`, the epoch may set a new best but its bad count is
   * cleared, as in a cooldown epoch, so the LR cannot drop while warm-up is still raising it.
   * @returns whether the LRs were reduced.
   */
  step(value: number, inWarmup = false): boolean {
    this.epochs += 1;
    // null stands for PyTorch's initial +inf: any finite value beats it; NaN and +inf never do.
    if (value < (this.best ?? Infinity) * (1 - this.options.threshold)) {
      this.best = value;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0;
    }
    if (inWarmup) this.numBadEpochs = 0;
    if (this.numBadEpochs <= this.options.patience) return false;
    this.reduce();
    this.cooldownCounter = this.options.cooldown;
    this.numBadEpochs = 0;
    return true;
  }

  /** Current plateau LR of `group` (absolute, before warm-up). */
  lr(group: string): number {
    const lr = this.lrs[group];
    if (lr === undefined) throw new Error(`plateau schedule has no group ${group}`);
    return lr;
  }

  state(): PlateauState {
    return {
      lrs: { ...this.lrs },
      best: this.best,
      numBadEpochs: this.numBadEpochs,
      cooldownCounter: this.cooldownCounter,
      epochs: this.epochs,
    };
  }

  /** Resumes from `state()` output; the group names must match the ones this tracker was built with. */
  load(state: PlateauState): void {
    const groups = Object.keys(this.lrs).sort().join(',');
    if (Object.keys(state.lrs).sort().join(',') !== groups)
      throw new Error(`plateau state groups differ from ${groups}`);
    this.lrs = { ...state.lrs };
    this.best = state.best;
    this.numBadEpochs = state.numBadEpochs;
    this.cooldownCounter = state.cooldownCounter;
    this.epochs = state.epochs;
  }

  private reduce(): void {
    for (const [group, oldLr] of Object.entries(this.lrs)) {
      const newLr = Math.max(oldLr * this.options.factor, this.minLrs[group] ?? 0);
      if (oldLr - newLr > MIN_LR_CHANGE) this.lrs[group] = newLr;
    }
  }
}

/** Parses a plateau state read back from JSON (a checkpoint); throws naming the first bad field. */
export function parsePlateauState(value: unknown): PlateauState {
  if (!isRecord(value) || !isRecord(value.lrs)) throw new Error('plateau state: expected an object with lrs');
  const lrs: Record<string, number> = {};
  for (const [group, lr] of Object.entries(value.lrs)) {
    if (typeof lr !== 'number' || !(lr >= 0)) throw new Error(`plateau state: lrs.${group} must be a number ≥ 0`);
    lrs[group] = lr;
  }
  const { best, numBadEpochs, cooldownCounter, epochs } = value;
  if (best !== null && typeof best !== 'number') throw new Error('plateau state: best must be a number or null');
  for (const [name, n] of Object.entries({ numBadEpochs, cooldownCounter, epochs })) {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
      throw new Error(`plateau state: ${name} must be an integer ≥ 0`);
  }
  return {
    lrs,
    best,
    numBadEpochs: numBadEpochs as number,
    cooldownCounter: cooldownCounter as number,
    epochs: epochs as number,
  };
}
