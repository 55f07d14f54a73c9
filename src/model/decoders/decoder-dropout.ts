/**
 * Seeded dropout for the decoders. Each site (a parameter-name-like string) draws its mask from its own stream
 * keyed by (RNG_STREAM.dropout, seed, step, rank, hash(site)) — the encoder's key order — so a step is reproducible on every backend (tfjs draws
 * the uniforms on the CPU from the seed) and no two sites share a mask. The mask depends only on the tensor's
 * shape and the key, never on its values, so padding cannot influence it.
 */
import * as tf from '@tensorflow/tfjs';
import { RNG_STREAM } from '../../shared/rng-streams';
import { hashIntegers, hashString } from '../../shared/seed-hash';
import { dropoutMultiplier } from '../layers/dropout-multiplier';
import type { DecoderContext } from './decoder-types';

/** A uint32 seed for one dropout site at the context's step. */
export function decoderDropoutSeed(context: Pick<DecoderContext, 'seed' | 'step' | 'rank'>, site: string): number {
  return hashIntegers([RNG_STREAM.dropout, context.seed, context.step, context.rank ?? 0, hashString(site)]);
}

/** Inverted dropout (kept values scaled by 1 / (1 − rate)) when training and rate > 0; otherwise `x` itself. */
export function decoderDropout<T extends tf.Tensor>(x: T, rate: number, context: DecoderContext, site: string): T {
  if (!context.training || rate <= 0) return x;
  return tf.dropout(x, rate, undefined, decoderDropoutSeed(context, site)) as T;
}

/** The multiplier `decoderDropout` would apply to a tensor of `shape` (undefined when it would apply none). */
export function decoderDropoutMultiplier(
  shape: number[],
  rate: number,
  context: DecoderContext,
  site: string,
): tf.Tensor | undefined {
  if (!context.training || rate <= 0) return undefined;
  return dropoutMultiplier(shape, rate, decoderDropoutSeed(context, site));
}
