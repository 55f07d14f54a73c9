/**
 * The decoders' common contract. A decoder reads the quantized tokens of a padded batch (B proteins, L padded
 * residues, D = embedding width) and returns some of the {@link DecoderOutputs}; the registry (`registry.ts`)
 * runs every enabled decoder once and merges what they return; `decoder-specs.ts` lists their parameters.
 *
 * Values at padding rows (and at pairs with a padding residue) are unspecified: losses must mask them. Values at
 * real rows and real pairs never depend on anything stored in padding rows, nor on how long the batch is padded.
 */
import type * as tf from '@tensorflow/tfjs';
import type { DecoderName } from '../model-config';
import type { ParameterSet } from '../params/parameter-set';

export interface DecoderOutputs {
  /** [B, L, 20] amino-acid logits (real logits: no softmax, no log-softmax). */
  aminoAcidLogits?: tf.Tensor3D;
  /** [B, L, 3] secondary-structure logits, classes [loop, helix, strand]. */
  ssLogits?: tf.Tensor3D;
  /** [B, L, 6] unit (sin, cos) pairs for φ, ψ, ω: [sinφ, cosφ, sinψ, cosψ, sinω, cosω]. */
  angleVectors?: tf.Tensor3D;
  /** [B, L, 3] φ, ψ, ω in radians, in (−π, π]: atan2 of the pairs in `angleVectors`. */
  angles?: tf.Tensor3D;
  /** [B, L, L] contact probability sigmoid(τ⟨ẑ_i, ẑ_j⟩ + b) for every pair, clamped to [1e-6, 1 − 1e-6]. */
  contactProbability?: tf.Tensor3D;
  /** [P, 8] distance-bin logits of the context's `pairs`, one row per pair (real logits: no sigmoid). */
  distanceLogits?: tf.Tensor2D;
  /** [B, 2600] per-protein 2-D Fourier prediction: 1300 magnitudes, then 1300 phases. */
  fft2?: tf.Tensor2D;
}

export type DecoderOutputName = keyof DecoderOutputs;

/** What every decoder reads besides the tokens. Tensors belong to the caller. */
export interface DecoderContext {
  /** [B, L] 1 for real residues, 0 for padding (rows i ≥ length of protein b). */
  readonly mask: tf.Tensor2D;
  /** [B, L, 256] the raw sinusoidal position code (`positions` node type), zero or anything in padding rows. */
  readonly positions: tf.Tensor3D;
  /** Dropout is active only when true. */
  readonly training: boolean;
  /** Integer seed of the dropout masks (the run's seed). */
  readonly seed: number;
  /** Integer step counter (optimizer step or micro-batch) so each step draws fresh dropout masks. */
  readonly step: number;
  /** Worker rank, part of the dropout key like the encoder's (default 0), so data-parallel ranks draw apart. */
  readonly rank?: number;
  /**
   * The residue pairs to score with pair heads that run per pair (the distance head), as rows of the batch
   * flattened to [B·L, ·]; without them such heads return nothing (FoldTree2's decoder likewise returns no edge
   * logits without a contact index).
   */
  readonly pairs?: PairRows;
}

/** Rows b·L + i and b·L + j of each scored pair (the loss targets' `pairs` fit this). */
export interface PairRows {
  /** [P] int32. */
  readonly first: tf.Tensor1D;
  /** [P] int32. */
  readonly second: tf.Tensor1D;
}

export interface DecoderDefinition<C> {
  readonly name: DecoderName;
  /** tokens [B, L, D] (quantized) → outputs. Creates intermediates: call inside tf.tidy or dispose the result. */
  forward(params: ParameterSet, config: C, tokens: tf.Tensor3D, context: DecoderContext): DecoderOutputs;
}
