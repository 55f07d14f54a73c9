/**
 * `fft2` (optional): FoldTree2's 2-D Fourier coefficients per protein (1300 magnitudes, then 1300 phases).
 *
 * FoldTree2 feeds its `godnodedecoder` a constant all-ones node, so the prediction cannot depend on the structure
 * and sends no gradient to the encoder (reference §7.8). Here the head reads the masked mean of each protein's
 * tokens: mean_i(tokens_bi · mask_bi) → Linear(D → hidden) → GELU → Linear(hidden → hidden) → GELU → Linear(→ 2600).
 * Parameters: `fft2-decoder-specs.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import { mlp } from '../layers/mlp';
import type { Fft2DecoderConfig } from '../model-config';
import type { DecoderDefinition } from './decoder-types';
import { FFT2_PREFIX, fft2HeadShape } from './fft2-decoder-specs';

/** tokens [B, L, D], mask [B, L] → [B, D]: the mean over real residues (0 for a protein with none). */
export function maskedMeanTokens(tokens: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor2D {
  const summed = tf.sum(tf.mul(tokens, tf.expandDims(mask, 2)), 1);
  return tf.div(summed, tf.maximum(tf.sum(mask, 1, true), 1)) as tf.Tensor2D;
}

export const FFT2_DECODER: DecoderDefinition<Fft2DecoderConfig> = {
  name: 'fft2',
  forward(params, config, tokens, context) {
    const pooled = maskedMeanTokens(tokens, context.mask);
    return {
      fft2: mlp(params, `${FFT2_PREFIX}.head`, fft2HeadShape(tokens.shape[2], config.hidden), pooled) as tf.Tensor2D,
    };
  },
};
