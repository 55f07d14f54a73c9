/**
 * Global-norm gradient clipping with PyTorch's `clip_grad_norm_` arithmetic: norm = √Σ‖g‖², coefficient
 * min(1, maxNorm / (norm + 1e-6)), every gradient multiplied by it (no branch, so no read-back is needed to clip).
 *
 * `joint` clips all gradients by one norm (FoldTree2's Lightning `gradient_clip_val`); `separate` clips the
 * encoder and the decoder each by its own norm (FoldTree2's manual loop: `clip_grad_norm_(encoder, 1.0)` then
 * `clip_grad_norm_(decoder, 1.0)`). The codebook counts as encoder, since FoldTree2's quantiser is a submodule of
 * its encoder; parameters of neither part (e.g. loss-weighting scalars) form a third part clipped on its own.
 *
 * The norms before clipping — per parameter, global, per part — come back as ONE device vector, read with one
 * `await data()` per step by `readGradientNorms`.
 */
import * as tf from '@tensorflow/tfjs';
import { addMany } from '../../model/layers/add-many';

export const GRADIENT_PARTS = ['encoder', 'decoder', 'other'] as const;
export type GradientPart = (typeof GRADIENT_PARTS)[number];
export type ClipMode = 'joint' | 'separate';

/** PyTorch's `clip_grad_norm_` adds this to the norm before dividing. */
export const CLIP_NORM_EPS = 1e-6;

/** `encoder.*` and `quantizer.*` → encoder, `decoder.*` → decoder, anything else → other. */
export function gradientPartOf(name: string): GradientPart {
  if (name.startsWith('encoder.') || name.startsWith('quantizer.')) return 'encoder';
  if (name.startsWith('decoder.')) return 'decoder';
  return 'other';
}

export interface ClipOptions {
  /** Largest allowed norm (FoldTree2 clips to 1.0). */
  readonly maxNorm?: number;
  /** Default `separate`, as FoldTree2's manual training loop. */
  readonly mode?: ClipMode;
  readonly partOf?: (name: string) => GradientPart;
}

export interface ClipResult {
  /** Clipped gradients, same keys and order as the input; new tensors the caller owns. */
  readonly grads: Map<string, tf.Tensor>;
  /**
   * float32 [P + 4], owned by the caller: the L2 norm of each gradient BEFORE clipping, in `names` order, then
   * the global, encoder, decoder and other norms before clipping.
   */
  readonly norms: tf.Tensor1D;
  readonly names: readonly string[];
  readonly parts: readonly GradientPart[];
}

/** Clips `grads` (not disposed; owned by the caller). Tidy-safe: the only tensors left are those in the result. */
export function clipGradients(grads: ReadonlyMap<string, tf.Tensor>, options: ClipOptions = {}): ClipResult {
  const maxNorm = options.maxNorm ?? 1;
  const mode = options.mode ?? 'separate';
  const partOf = options.partOf ?? gradientPartOf;
  const names = [...grads.keys()];
  const parts = names.map(partOf);
  const tensors = names.map((name) => grads.get(name) as tf.Tensor);
  const out = tf.tidy(() => {
    const squares = tensors.map((g) => tf.sum(tf.square(g)));
    const partSquares = GRADIENT_PARTS.map((part) => sumOf(squares.filter((_, k) => parts[k] === part)));
    const partNorms = partSquares.map((s) => tf.sqrt(s));
    const globalNorm = tf.sqrt(sumOf(partSquares));
    const coefficient = (norm: tf.Tensor) => tf.minimum(tf.div(maxNorm, tf.add(norm, CLIP_NORM_EPS)), 1);
    const globalCoefficient = coefficient(globalNorm);
    const partCoefficients = partNorms.map(coefficient);
    const clipped = tensors.map((g, k) =>
      tf.mul(
        g,
        mode === 'joint'
          ? globalCoefficient
          : (partCoefficients[GRADIENT_PARTS.indexOf(parts[k] ?? 'other')] as tf.Tensor),
      ),
    );
    const perParameter = squares.length > 0 ? tf.sqrt(tf.stack(squares)) : tf.zeros([0]);
    return [...clipped, tf.concat([perParameter, tf.stack([globalNorm, ...partNorms])])];
  });
  return {
    grads: new Map(names.map((name, k) => [name, out[k] as tf.Tensor])),
    norms: out[names.length] as tf.Tensor1D,
    names,
    parts,
  };
}

/** Σ of scalar tensors; 0 for none (an empty part has norm 0). */
function sumOf(scalars: tf.Tensor[]): tf.Tensor {
  return scalars.length === 0 ? tf.scalar(0) : scalars.length === 1 ? (scalars[0] as tf.Tensor) : addMany(scalars);
}
