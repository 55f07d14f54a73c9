/**
 * `sequence`: amino-acid logits from the tokens (FoldTree2's Transformer_AA_Decoder with its CNN head).
 *
 *   input  tokens ‖ positions (256 raw or 32 learned) → Linear → GELU → Linear → GELU  (token-input.ts)
 *   body   `layers` × post-LN transformer encoder layer with a key-padding mask        (transformer-encoder.ts)
 *   head   LayerNorm(eps 1e-6) → 3 × (Conv1d(k3) → GELU) → Conv1d(k1 → 20)              (FoldTree2's cnn_decoder)
 *
 * Every convolution zeroes padding rows first, so it equals PyTorch's zero-padded conv over the unpadded protein.
 * The logits are real logits (REF applied log_softmax; the loss applies its own softmax). Parameters:
 * `sequence-decoder-specs.ts`.
 */
import type * as tf from '@tensorflow/tfjs';
import { gelu } from '../layers/activations';
import { layerNorm } from '../layers/layer-norm';
import { maskedConv1d } from './masked-conv1d';
import { trunkDecoder } from './transformer-trunk';

/** FoldTree2's CNN heads use LayerNorm eps 1e-6 (the transformer layers keep PyTorch's 1e-5). */
export const HEAD_LAYER_NORM_EPS = 1e-6;

export const SEQUENCE_DECODER = trunkDecoder('sequence', {
  finalTanh: false,
  forward(params, prefix, body, _h, { mask }) {
    const normed = layerNorm(params, `${prefix}.head.norm`, body, HEAD_LAYER_NORM_EPS) as tf.Tensor3D;
    const c0 = gelu(maskedConv1d(params, `${prefix}.head.conv.0`, normed, mask)) as tf.Tensor3D;
    const c1 = gelu(maskedConv1d(params, `${prefix}.head.conv.1`, c0, mask)) as tf.Tensor3D;
    const c2 = gelu(maskedConv1d(params, `${prefix}.head.conv.2`, c1, mask)) as tf.Tensor3D;
    return { aminoAcidLogits: maskedConv1d(params, `${prefix}.head.conv.3`, c2, mask) };
  },
});
