/**
 * What data-parallel replicas exchange in one optimizer step, and an in-thread implementation of the exchange.
 * Every exchanged quantity is a SUM: mask counts (so each replica divides by the counts of the whole effective
 * batch), gradient sums, EMA statistics and loss parts. With those sums the replicas' update equals one trainer's
 * on the whole effective batch; a short last shard simply contributes less.
 */
import * as tf from '@tensorflow/tfjs';
import { addMaskCounts, type MaskCounts } from '../../model/losses/loss-targets';
import { addEmaStatistics } from '../../model/quantizer/ema-statistics';
import type { RemoteStep } from '../parallel/weight-broadcast';
import type { TrainerParts } from './trainer-parts';
import { addInto, type WindowGradients } from './window-step';

export interface AllReduce {
  counts(local: MaskCounts): Promise<MaskCounts>;
  /** Returns the summed gradients as new tensors the caller owns; `local.sums` stay the caller's too. */
  gradients(local: WindowGradients): Promise<WindowGradients>;
  /**
   * Strategy `dp` only: instead of stepping its own optimizer, the replica receives the master copy's new weights
   * (assigned to `parts.params`) and the step's outcome.
   */
  receiveWeights?(parts: TrainerParts): Promise<RemoteStep>;
}

/** A single trainer: nothing to exchange. */
export const NO_ALL_REDUCE: AllReduce = {
  counts: async (local) => local,
  gradients: async (local) => ({ ...local, sums: new Map([...local.sums].map(([name, g]) => [name, tf.clone(g)])) }),
};

/** Plain-array form of a replica's contribution, as it would cross a thread. */
interface Shared {
  readonly grads: Map<string, { shape: number[]; data: Float32Array }>;
  readonly local: WindowGradients;
}

/** Waits until all `size` ranks handed in a value, then gives every rank the same combination of them. */
function barrier<T, R>(size: number, combine: (parts: T[]) => R): (rank: number, part: T) => Promise<R> {
  let parts: T[] = [];
  let waiting: ((result: R) => void)[] = [];
  return (rank, part) =>
    new Promise<R>((resolve) => {
      parts[rank] = part;
      waiting.push(resolve);
      if (waiting.length === size) {
        const result = combine(parts);
        const all = waiting;
        parts = [];
        waiting = [];
        for (const done of all) done(result);
      }
    });
}

/** `size` replicas in one thread (tests, and the reference the worker all-reduce must equal). */
export function localAllReduce(size: number): AllReduce[] {
  const counts = barrier<MaskCounts, MaskCounts>(size, addMaskCounts);
  const grads = barrier<
    Shared,
    { grads: Map<string, { shape: number[]; data: Float32Array }>; rest: Omit<WindowGradients, 'sums'> }
  >(size, (parts) => {
    const summed = new Map<string, { shape: number[]; data: Float32Array }>();
    for (const part of parts) {
      for (const [name, g] of part.grads) {
        const into = summed.get(name);
        if (!into) summed.set(name, { shape: g.shape, data: Float32Array.from(g.data) });
        else g.data.forEach((v, k) => (into.data[k] = (into.data[k] ?? 0) + v));
      }
    }
    const losses: Record<string, number> = {};
    const weightedLosses: Record<string, number> = {};
    for (const part of parts) {
      addInto(losses, part.local.losses);
      addInto(weightedLosses, part.local.weightedLosses);
    }
    return {
      grads: summed,
      rest: {
        losses,
        weightedLosses,
        ema: addEmaStatistics(parts.map((p) => p.local.ema)),
        residues: parts.reduce((s, p) => s + p.local.residues, 0),
        proteins: parts.reduce((s, p) => s + p.local.proteins, 0),
      },
    };
  });
  return Array.from({ length: size }, (_, rank) => ({
    counts: (local) => counts(rank, local),
    async gradients(local) {
      const arrays = new Map<string, { shape: number[]; data: Float32Array }>();
      for (const [name, g] of local.sums) arrays.set(name, { shape: g.shape, data: Float32Array.from(await g.data()) });
      const { grads: summed, rest } = await grads(rank, { grads: arrays, local });
      return { ...rest, sums: new Map([...summed].map(([name, g]) => [name, tf.tensor(g.data, g.shape)])) };
    },
  }));
}
