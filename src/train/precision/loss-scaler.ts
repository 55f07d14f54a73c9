/**
 * Dynamic loss scaling with PyTorch `torch.amp.GradScaler` semantics, for f16-mixed runs: the loss is multiplied
 * by `scale` so small gradients survive half precision; the gradients are unscaled (before clipping); a step
 * whose gradients hold Inf/NaN is skipped and the scale halves; after `growthInterval` clean steps in a row the
 * scale doubles. Overflow is judged on the CPU from one reduced scalar (`finite-check.ts`).
 *
 * Order of one optimizer step:  scaleLoss → gradients → unscale → (clip) → apply unless overflow → update.
 */
import * as tf from '@tensorflow/tfjs';
import { isRecord } from '../../shared/assert-never';
import { readNonFiniteCount } from './finite-check';

export interface LossScalerOptions {
  /** Starting scale. PyTorch 2^16 (FoldTree2 REF); FoldTree2 HEAD uses 2^8. */
  readonly initialScale: number;
  /** Multiplier after `growthInterval` clean steps in a row. */
  readonly growthFactor: number;
  /** Multiplier on overflow. */
  readonly backoffFactor: number;
  /** Clean steps in a row before the scale grows. */
  readonly growthInterval: number;
  /** false: scale fixed at 1 (f32 runs); non-finite steps are still skipped and counted. */
  readonly enabled: boolean;
}

export const LOSS_SCALER_DEFAULTS: LossScalerOptions = {
  initialScale: 2 ** 16, // PyTorch default
  growthFactor: 2,
  backoffFactor: 0.5,
  growthInterval: 2000,
  enabled: true,
};

/** Serialisable state, PyTorch's `scale` and `_growth_tracker` plus our count of skipped steps. */
export interface LossScalerState {
  readonly scale: number;
  /** Clean steps in a row since the last growth or overflow. */
  readonly growthTracker: number;
  /** Steps skipped for non-finite gradients over the run. */
  readonly skippedSteps: number;
}

export interface UnscaledGradients {
  /** gradient / scale per parameter; the caller owns (and disposes) these tensors. */
  readonly grads: Map<string, tf.Tensor>;
  /** Whether every entry of every gradient is finite (false: skip this step). */
  readonly finite: boolean;
}

export class DynamicLossScaler {
  readonly options: LossScalerOptions;
  private current: LossScalerState;

  constructor(options: Partial<LossScalerOptions> = {}) {
    this.options = { ...LOSS_SCALER_DEFAULTS, ...options };
    const { initialScale, growthFactor, backoffFactor, growthInterval } = this.options;
    if (!(initialScale > 0 && Number.isFinite(Math.fround(initialScale))))
      throw new RangeError(`initialScale must be a finite float32 > 0`);
    if (!(growthFactor > 1)) throw new RangeError(`growthFactor must be > 1, got ${growthFactor}`);
    if (!(backoffFactor > 0 && backoffFactor < 1))
      throw new RangeError(`backoffFactor must be in (0, 1), got ${backoffFactor}`);
    if (!Number.isInteger(growthInterval) || growthInterval < 1)
      throw new RangeError(`growthInterval must be an integer ≥ 1`);
    // PyTorch keeps the scale in a float32 tensor; rounding here keeps our arithmetic identical to it.
    this.current = { scale: this.options.enabled ? Math.fround(initialScale) : 1, growthTracker: 0, skippedSteps: 0 };
  }

  get scale(): number {
    return this.current.scale;
  }

  /** loss · scale, a scalar the caller owns (tidy-safe). Differentiate THIS to get scaled gradients. */
  scaleLoss(loss: tf.Scalar): tf.Scalar {
    return tf.tidy(() => tf.mul(loss, tf.scalar(this.current.scale)));
  }

  /**
   * Divides every gradient by the scale and checks them all for Inf/NaN with one read. Checking the unscaled
   * values also catches a finite gradient that unscaling would overflow (possible only when scale < 1).
   * `scaledGrads` stay owned by the caller.
   */
  async unscale(scaledGrads: ReadonlyMap<string, tf.Tensor>): Promise<UnscaledGradients> {
    const inverse = 1 / this.current.scale;
    const names = [...scaledGrads.keys()];
    // At scale 1 (no loss scaling) unscaling is the identity: the gradients are shared, not multiplied by 1.
    const unscaled = tf.tidy(() =>
      names.map((name) => {
        const g = scaledGrads.get(name) as tf.Tensor;
        return inverse === 1 ? tf.clone(g) : tf.mul(g, tf.scalar(inverse));
      }),
    );
    const grads = new Map(names.map((name, k) => [name, unscaled[k] as tf.Tensor]));
    try {
      const finite = (await readNonFiniteCount(grads.values())) === 0;
      return { grads, finite };
    } catch (error) {
      for (const g of grads.values()) g.dispose();
      throw error;
    }
  }

  /**
   * PyTorch `GradScaler.update` (`_amp_update_scale_`): on overflow, scale ·= backoff and the tracker resets;
   * otherwise the tracker counts up and, on reaching `growthInterval`, resets and the scale grows unless that
   * would overflow float32.
   */
  update(foundOverflow: boolean): void {
    const { scale, growthTracker, skippedSteps } = this.current;
    const { growthFactor, backoffFactor, growthInterval, enabled } = this.options;
    if (foundOverflow) {
      this.current = {
        scale: enabled ? Math.fround(scale * backoffFactor) : 1,
        growthTracker: 0,
        skippedSteps: skippedSteps + 1,
      };
      return;
    }
    const successful = growthTracker + 1;
    if (successful < growthInterval) {
      this.current = { scale, growthTracker: successful, skippedSteps };
      return;
    }
    const grown = Math.fround(scale * growthFactor);
    this.current = { scale: enabled && Number.isFinite(grown) ? grown : scale, growthTracker: 0, skippedSteps };
  }

  /**
   * One whole scaled step: unscale, call `apply` with the unscaled gradients (clip inside it) only when they are
   * all finite and `overflowElsewhere` is false, dispose the unscaled gradients, update the scale.
   * `overflowElsewhere` carries overflow seen before the gradients were combined (e.g. a micro-batch the
   * accumulator dropped, or another data-parallel rank).
   * @returns whether the update was applied, and the scale for the next step.
   */
  async step(
    scaledGrads: ReadonlyMap<string, tf.Tensor>,
    apply: (grads: ReadonlyMap<string, tf.Tensor>) => void | Promise<void>,
    overflowElsewhere = false,
  ): Promise<{ applied: boolean; scale: number }> {
    const { grads, finite } = await this.unscale(scaledGrads);
    const applied = finite && !overflowElsewhere;
    try {
      if (applied) await apply(grads);
    } finally {
      for (const g of grads.values()) g.dispose();
    }
    this.update(!applied);
    return { applied, scale: this.current.scale };
  }

  state(): LossScalerState {
    return { ...this.current };
  }

  load(state: LossScalerState): void {
    this.current = { ...state };
  }
}

/** Parses a loss-scaler state read back from JSON (a checkpoint); throws naming the first bad field. */
export function parseLossScalerState(value: unknown): LossScalerState {
  if (!isRecord(value)) throw new Error('loss-scaler state: expected an object');
  const { scale, growthTracker, skippedSteps } = value;
  if (typeof scale !== 'number' || !(scale > 0) || !Number.isFinite(scale))
    throw new Error('loss-scaler state: scale must be a finite number > 0');
  for (const [name, n] of Object.entries({ growthTracker, skippedSteps })) {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
      throw new Error(`loss-scaler state: ${name} must be an integer ≥ 0`);
  }
  return { scale, growthTracker: growthTracker as number, skippedSteps: skippedSteps as number };
}
