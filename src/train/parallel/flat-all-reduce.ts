/**
 * The `AllReduce` a data-parallel trainer uses, over any `SumClient`: each exchange is flattened into ONE
 * Float32Array in a layout every rank derives from the same config, summed across ranks by the coordinator, and
 * unflattened. Two rounds per optimizer step: mask counts (6 numbers), then everything else — every trainable
 * parameter's gradient sum (zeros where a rank had no batch), the EMA statistics, the loss parts with a presence
 * count per loss name, residues and proteins.
 *
 * Sums, not means: each replica divides by the counts of the whole effective batch, so a short shard simply
 * contributes less (the weighting by what each shard held comes for free).
 */
import * as tf from '@tensorflow/tfjs';
import { LOSS_NAMES } from '../../model/losses/loss-config';
import type { MaskCounts } from '../../model/losses/loss-targets';
import type { AllReduce } from '../trainer/all-reduce';
import type { WindowGradients } from '../trainer/window-step';
import type { TrainerParts } from '../trainer/trainer-parts';
import type { SumClient } from './sum-exchange';
import { broadcastLength, unpackWeights } from './weight-broadcast';

const COUNT_KEYS = [
  'aminoAcid',
  'ss',
  'angles',
  'positivePairs',
  'negativePairs',
  'residues',
] as const satisfies readonly (keyof MaskCounts)[];

/** What every rank agrees on: parameter shapes in a fixed order and the EMA statistics' sizes. */
export interface ExchangeLayout {
  readonly gradients: readonly { readonly name: string; readonly shape: readonly number[]; readonly size: number }[];
  /** K codes. */
  readonly codes: number;
  /** K·D with an EMA codebook, else 0. */
  readonly emaSums: number;
}

/** Floats in the larger of the two rounds: what a shared buffer's slots must hold. */
export function exchangeCapacity(layout: ExchangeLayout): number {
  const gradients = layout.gradients.reduce((s, g) => s + g.size, 0);
  return Math.max(COUNT_KEYS.length, gradients + layout.codes + layout.emaSums + 3 * LOSS_NAMES.length + 2);
}

/** Time this replica spent inside the exchange, for the per-trainer metrics. */
export interface TimedAllReduce extends AllReduce {
  /** Milliseconds spent waiting in `sum` since the last call, then reset. */
  takeExchangeMs(): number;
  /** Residues this replica itself processed since the last call, then reset. */
  takeLocalResidues(): number;
}

/** The exchange layout of a replica's (or the master's) parts: trainable parameters sorted by name. */
export function exchangeLayout(parts: TrainerParts): ExchangeLayout {
  const specs = new Map(parts.params.specs.map((s) => [s.name, s.shape]));
  const gradients = [...parts.trainable].sort().map((name) => {
    const shape = specs.get(name) ?? [];
    return { name, shape, size: shape.reduce((a, b) => a * b, 1) };
  });
  const q = parts.modelConfig.quantizer;
  return { gradients, codes: q.codes, emaSums: parts.ema ? q.codes * q.embeddingDim : 0 };
}

/**
 * `ddp`: every replica applies the summed gradients itself. `dp`: a third round per step brings the master's new
 * weights instead (weight-broadcast.ts).
 */
export function flatAllReduce(
  client: SumClient,
  layout: ExchangeLayout,
  strategy: 'ddp' | 'dp' = 'ddp',
  now: () => number = () => performance.now(),
): TimedAllReduce {
  let exchangeMs = 0;
  let localResidues = 0;
  const timedSum = async (values: Float32Array) => {
    const started = now();
    try {
      return await client.sum(values);
    } finally {
      exchangeMs += now() - started;
    }
  };
  return {
    takeExchangeMs() {
      const ms = exchangeMs;
      exchangeMs = 0;
      return ms;
    },
    async counts(local) {
      const summed = await timedSum(Float32Array.from(COUNT_KEYS, (key) => local[key]));
      return Object.fromEntries(COUNT_KEYS.map((key, k) => [key, summed[k] ?? NaN])) as unknown as MaskCounts;
    },
    takeLocalResidues() {
      const residues = localResidues;
      localResidues = 0;
      return residues;
    },
    async gradients(local) {
      localResidues += local.residues;
      return unflatten(await timedSum(await flatten(local, layout)), layout);
    },
    ...(strategy === 'dp'
      ? {
          receiveWeights: async (parts: TrainerParts) =>
            unpackWeights(parts, await timedSum(new Float32Array(broadcastLength(parts)))),
        }
      : {}),
  };
}

async function flatten(local: WindowGradients, layout: ExchangeLayout): Promise<Float32Array> {
  const out = new Float32Array(exchangeCapacity(layout));
  const present = layout.gradients.filter((g) => local.sums.has(g.name));
  // One read-back for all gradients (on WebGPU each read is a round trip).
  const joined =
    present.length > 0
      ? tf.tidy(() => tf.concat(present.map((g) => tf.reshape(local.sums.get(g.name) as tf.Tensor, [-1]))))
      : null;
  const values = joined ? ((await joined.data()) as Float32Array) : new Float32Array(0);
  joined?.dispose();
  let offset = 0;
  let read = 0;
  for (const g of layout.gradients) {
    if (local.sums.has(g.name)) {
      out.set(values.subarray(read, read + g.size), offset);
      read += g.size;
    }
    offset += g.size;
  }
  out.set(local.ema.counts.subarray(0, layout.codes), offset);
  offset += layout.codes;
  if (local.ema.sums.length === layout.emaSums) out.set(local.ema.sums, offset);
  offset += layout.emaSums;
  for (const name of LOSS_NAMES) {
    const raw = local.losses[name];
    out[offset++] = raw ?? 0;
    out[offset++] = local.weightedLosses[name] ?? 0;
    out[offset++] = raw === undefined ? 0 : 1;
  }
  out[offset++] = local.residues;
  out[offset] = local.proteins;
  return out;
}

/** The summed vector back as gradients (tensors the caller owns), EMA statistics and loss parts. */
export function unflatten(summed: Float32Array, layout: ExchangeLayout): WindowGradients {
  let offset = 0;
  const sums = new Map<string, tf.Tensor>();
  for (const g of layout.gradients) {
    sums.set(g.name, tf.tensor(summed.slice(offset, offset + g.size), [...g.shape]));
    offset += g.size;
  }
  const counts = summed.slice(offset, offset + layout.codes);
  offset += layout.codes;
  const emaSums = summed.slice(offset, offset + layout.emaSums);
  offset += layout.emaSums;
  const losses: Record<string, number> = {};
  const weightedLosses: Record<string, number> = {};
  for (const name of LOSS_NAMES) {
    const [raw, weighted, present] = [summed[offset], summed[offset + 1], summed[offset + 2]];
    offset += 3;
    if ((present ?? 0) > 0) {
      losses[name] = raw ?? NaN;
      weightedLosses[name] = weighted ?? NaN;
    }
  }
  return {
    sums,
    losses,
    weightedLosses,
    ema: { counts, sums: emaSums },
    residues: summed[offset] ?? 0,
    proteins: summed[offset + 1] ?? 0,
  };
}
