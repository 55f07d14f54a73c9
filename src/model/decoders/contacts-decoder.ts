/**
 * `contacts`: contact probability for every residue pair and distance-bin logits for the scored pairs (FoldTree2's
 * CNN_geo_Decoder).
 *
 *   input  tokens → Linear(D → 2h) → GELU → Linear(2h → 2h) → GELU
 *   body   convLayers × (Conv1d(k3) → SiLU → LayerNorm(eps 1e-6)), channels [2h, h, h, …] as FoldTree2's
 *          conv_channels (layer k maps channels[k−1] → channels[k], layer 0 maps 2h → 2h); padding rows are zeroed
 *          before each conv, so it equals the per-protein zero-padded conv;
 *          lin: Linear(→ h) → GELU → Linear(h → h) → GELU → Linear(h → h) gives z (normalize on, residual off)
 *   head   contact probability for all pairs (contact-heads.ts); distance logits for the scored pairs from
 *          [z_i ‖ z_j ‖ pos_i ‖ pos_j] in FoldTree2's edge_logits_mlp form (contact-heads.ts), pos from this
 *          decoder's own Position_MLP (256 → 128 ×3 → 32, FoldTree2's head.position_mlp) as `head.positions.*`
 *
 * Widths and parameters: `contacts-decoder-specs.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import { ACTIVATIONS } from '../layers/activations';
import { layerNorm } from '../layers/layer-norm';
import { mlp } from '../layers/mlp';
import { positionMlp, positionMlpDropout } from '../layers/position-mlp';
import { DECODER_POSITION_MLP } from '../layers/position-mlp-specs';
import type { ContactDecoderConfig } from '../model-config';
import { contactProbability, distanceLogits } from './contact-heads';
import {
  CONTACTS_PREFIX as PREFIX,
  contactsInputShape,
  contactsLatentShape,
  convChannels,
} from './contacts-decoder-specs';
import { decoderDropout } from './decoder-dropout';
import type { DecoderDefinition } from './decoder-types';
import { maskedConv1d } from './masked-conv1d';

/** LayerNorm eps after each conv (FoldTree2 body.norms). */
export const CONV_NORM_EPS = 1e-6;

export const CONTACTS_DECODER: DecoderDefinition<ContactDecoderConfig> = {
  name: 'contacts',
  forward(params, config, tokens, context) {
    const { mask } = context;
    const rows = tf.expandDims(mask, 2);
    const dropped = decoderDropout(tf.mul(tokens, rows) as tf.Tensor3D, config.dropout, context, `${PREFIX}.input`);
    let x = mlp(params, `${PREFIX}.input`, contactsInputShape(tokens.shape[2], config.hidden), dropped) as tf.Tensor3D;
    const channels = convChannels(config.hidden, config.convLayers);
    for (let k = 0; k < channels.length; k++) {
      const convolved = ACTIVATIONS.silu(maskedConv1d(params, `${PREFIX}.body.convs.${k}`, x, mask));
      x = layerNorm(params, `${PREFIX}.body.norms.${k}`, convolved, CONV_NORM_EPS) as tf.Tensor3D;
    }
    const z = mlp(params, `${PREFIX}.body.lin`, contactsLatentShape(x.shape[2], config.hidden), x) as tf.Tensor3D;
    const positions = tf.mul(context.positions, rows) as tf.Tensor3D;
    const dropPositions = (p: tf.Tensor): tf.Tensor =>
      decoderDropout(p, positionMlpDropout(config.dropout), context, `${PREFIX}.head.positions`);
    const probability = contactProbability(params, `${PREFIX}.head`, z);
    if (!context.pairs) return { contactProbability: probability };
    const code = positionMlp(
      params,
      `${PREFIX}.head.positions`,
      DECODER_POSITION_MLP,
      positions,
      dropPositions,
    ) as tf.Tensor3D;
    return {
      contactProbability: probability,
      distanceLogits: distanceLogits(params, `${PREFIX}.head`, z, code, context.pairs),
    };
  },
};
