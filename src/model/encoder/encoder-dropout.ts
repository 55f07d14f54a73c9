/**
 * Seeded dropout for the encoder. Every dropout site draws its mask from its own stream keyed by (run seed, step,
 * rank, site), so a step is reproducible (resume, replay) and two sites never share a mask.
 */
import * as tf from '@tensorflow/tfjs';
import { RNG_STREAM } from '../../shared/rng-streams';
import { hashIntegers } from '../../shared/seed-hash';
import { dropoutMultiplier } from '../layers/dropout-multiplier';

/** Where the encoder applies dropout; the values are part of the seed key, so never renumber them. */
export const ENCODER_DROPOUT_SITE = {
  /** FoldTree2 `input.dropout`, on the normalised input (‖ positions). */
  input: 1,
  /** FoldTree2 `input.inmlp.0`, the Dropout that opens the input MLP. */
  inputMlp: 2,
  /** FoldTree2 `input.ffin.0`, the Dropout that opens the Fourier branch. */
  fourier: 3,
  /** The Dropout(0.05) inside FoldTree2's `position_mlp` (learnPositions). */
  positionMlp: 4,
  /** TransformerConv attention dropout of body layer k is site `attention + k`. */
  attention: 16,
} as const;

/** What decides a dropout mask: the run's seed, the optimizer step (or micro-batch counter) and the worker rank. */
export interface DropoutKey {
  readonly seed: number;
  readonly step: number;
  readonly rank: number;
}

/** A uint32 seed for tf.dropout at one site: Murmur3 of (RNG_STREAM.dropout, seed, step, rank, site). */
export function dropoutSeed(key: DropoutKey, site: number): number {
  return hashIntegers([RNG_STREAM.dropout, key.seed, key.step, key.rank, site]);
}

/**
 * Inverted dropout (kept values scaled by 1 / (1 − rate)) when `training` and rate > 0; otherwise `x` itself.
 * The mask depends only on x's shape and the key, never on x's values, so padding cannot influence it.
 */
export function seededDropout(x: tf.Tensor, rate: number, training: boolean, key: DropoutKey, site: number): tf.Tensor {
  if (!training || rate <= 0) return x;
  return tf.dropout(x, rate, undefined, dropoutSeed(key, site));
}

/** The multiplier `seededDropout` would apply to a tensor of `shape` (undefined when it would apply none). */
export function seededDropoutMultiplier(
  shape: number[],
  rate: number,
  training: boolean,
  key: DropoutKey,
  site: number,
): tf.Tensor | undefined {
  if (!training || rate <= 0) return undefined;
  return dropoutMultiplier(shape, rate, dropoutSeed(key, site));
}
