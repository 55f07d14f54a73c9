/**
 * Gradient accumulation over micro-batches: a running weighted sum per parameter, closed into a weighted mean
 * once `accumulationSteps` micro-batches have been offered (or earlier, for an epoch's leftovers).
 *
 * - Mean = Σ w_k·g_k / Σ w_k over the micro-batches actually accumulated. With g_k the gradient of micro-batch
 *   k's per-protein MEAN loss and w_k its protein count, this is exactly the gradient of the mean over all the
 *   window's proteins, however the proteins were split (w_k = residue count does the same for per-residue means).
 *   Weight 1 for all gives FoldTree2's plain average of micro-batch means.
 * - A micro-batch with any Inf/NaN gradient is dropped ALONE; the window's other micro-batches are kept.
 *   FoldTree2 HEAD calls zero_grad there, discarding the whole window so far (foldtree2-reference §7.19).
 *   A dropped micro-batch still counts towards the window, so every data-parallel rank steps at the same time.
 * - A partial window divides by what it holds; FoldTree2 had already divided each loss by `accum`, which shrinks
 *   its leftover step by (leftover / accum).
 *
 * Owns its running sums (dispose() frees them); never takes ownership of the gradients it is given.
 */
import * as tf from '@tensorflow/tfjs';
import { assertPositiveInteger } from '../../shared/assert';
import { readNonFiniteCount } from '../precision/finite-check';

/** What `flush` hands over. */
export interface AccumulatedWindow {
  /** Weighted mean gradient per parameter; owned by the caller. Empty when nothing was accumulated. */
  readonly grads: Map<string, tf.Tensor>;
  /** Micro-batches summed into `grads`. 0 means there is nothing to step on. */
  readonly accumulated: number;
  /** Micro-batches dropped for non-finite gradients. */
  readonly discarded: number;
  /** Σ w_k of the accumulated micro-batches (the mean's denominator). */
  readonly totalWeight: number;
  /** True when the window closed before `accumulationSteps` micro-batches were offered (epoch leftovers). */
  readonly partial: boolean;
}

export type MicroBatchOutcome = 'accumulated' | 'discarded';

export class GradientAccumulator {
  private sums = new Map<string, tf.Tensor>();
  private accumulatedCount = 0;
  private discardedCount = 0;
  private totalWeight = 0;
  private busy = false;

  constructor(readonly accumulationSteps: number) {
    assertPositiveInteger(accumulationSteps, 'accumulationSteps');
  }

  /** Micro-batches offered in the open window, accumulated or discarded. */
  get seen(): number {
    return this.accumulatedCount + this.discardedCount;
  }

  /** Whether the window is full: time to `flush` and take an optimizer step. */
  get ready(): boolean {
    return this.seen >= this.accumulationSteps;
  }

  /**
   * Offers one micro-batch's gradients (name → tensor, float32; the caller keeps ownership). Checks them for
   * Inf/NaN with one read and either adds w·g to the sums or drops the micro-batch.
   * @param weight w_k > 0, e.g. the micro-batch's protein count (see the file comment); default 1.
   */
  async add(grads: ReadonlyMap<string, tf.Tensor>, weight = 1): Promise<MicroBatchOutcome> {
    if (!(weight > 0 && Number.isFinite(weight)))
      throw new RangeError(`micro-batch weight must be finite and > 0, got ${weight}`);
    if (this.ready)
      throw new Error(`accumulation window already holds ${this.accumulationSteps} micro-batches: flush first`);
    if (this.busy) throw new Error('GradientAccumulator.add called again before the previous add finished');
    this.checkKeys(grads);
    this.busy = true;
    try {
      if ((await readNonFiniteCount(grads.values())) > 0) {
        this.discardedCount += 1;
        return 'discarded';
      }
      const previous = this.sums;
      const names = [...grads.keys()];
      const summed = tf.tidy(() =>
        names.map((name) => {
          const g = grads.get(name) as tf.Tensor;
          const weighted = weight === 1 ? g : tf.mul(g, tf.scalar(weight));
          const sum = previous.get(name);
          return sum ? tf.add(sum, weighted) : tf.clone(weighted);
        }),
      );
      this.sums = new Map(names.map((name, k) => [name, summed[k] as tf.Tensor]));
      for (const t of previous.values()) t.dispose();
      this.accumulatedCount += 1;
      this.totalWeight += weight;
      return 'accumulated';
    } finally {
      this.busy = false;
    }
  }

  /** Closes the window (full or partial) and starts an empty one. The returned gradients belong to the caller. */
  flush(): AccumulatedWindow {
    if (this.busy) throw new Error('GradientAccumulator.flush called while an add is in progress');
    const { totalWeight } = this;
    const sums = this.sums;
    let grads = sums;
    if (totalWeight !== 1) {
      const names = [...sums.keys()];
      const means = tf.tidy(() => names.map((name) => tf.div(sums.get(name) as tf.Tensor, tf.scalar(totalWeight))));
      grads = new Map(names.map((name, k) => [name, means[k] as tf.Tensor]));
      for (const t of sums.values()) t.dispose();
    }
    const window: AccumulatedWindow = {
      grads,
      accumulated: this.accumulatedCount,
      discarded: this.discardedCount,
      totalWeight,
      partial: this.seen < this.accumulationSteps,
    };
    this.sums = new Map();
    this.accumulatedCount = 0;
    this.discardedCount = 0;
    this.totalWeight = 0;
    return window;
  }

  /** Frees the running sums of the open window. */
  dispose(): void {
    for (const t of this.sums.values()) t.dispose();
    this.sums = new Map();
    this.accumulatedCount = 0;
    this.discardedCount = 0;
    this.totalWeight = 0;
  }

  /** Every micro-batch of a window must carry the same parameters with the same shapes (no silent broadcasting). */
  private checkKeys(grads: ReadonlyMap<string, tf.Tensor>): void {
    if (this.sums.size === 0) return;
    if (grads.size !== this.sums.size)
      throw new Error(`micro-batch has ${grads.size} gradients, the window ${this.sums.size}`);
    for (const [name, g] of grads) {
      const sum = this.sums.get(name);
      if (!sum) throw new Error(`micro-batch has a gradient for ${name}, which the window does not`);
      if (!tf.util.arraysEqual(sum.shape, g.shape))
        throw new Error(`gradient ${name} has shape [${g.shape.join(', ')}], the window [${sum.shape.join(', ')}]`);
    }
  }
}
