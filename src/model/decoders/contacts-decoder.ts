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
 */
import * as tf from '@tensorflow/tfjs';
import { ACTIVATIONS } from '../layers/activations';
import { layerNorm, layerNormSpecs } from '../layers/layer-norm';
import { mlp, mlpSpecs, type MlpShape } from '../layers/mlp';
import type { ContactDecoderConfig } from '../model-config';
import type { ParameterSpec } from '../params/parameter-spec';
import { DECODER_POSITION_MLP, positionMlp, positionMlpDropout, positionMlpSpecs } from '../layers/position-mlp';
import { contactProbability, distanceLogits } from './contact-heads';
import { decoderDropout } from './decoder-dropout';
import { edgeLogitSpecs } from './edge-logits-head';
import type { DecoderDefinition } from './decoder-types';
import { conv1dSpecs, maskedConv1d } from './masked-conv1d';

const PREFIX = 'decoder.contacts';
/** LayerNorm eps after each conv (FoldTree2 body.norms). */
export const CONV_NORM_EPS = 1e-6;

/** Conv widths: layer k maps convChannels(h, n)[k − 1] (2h for k = 0) → convChannels(h, n)[k]. */
export function convChannels(hidden: number, layers: number): number[] {
  return Array.from({ length: layers }, (_, k) => (k === 0 ? 2 * hidden : hidden));
}

function inputShape(embeddingDim: number, hidden: number): MlpShape {
  return { widths: [embeddingDim, 2 * hidden, 2 * hidden], activation: 'gelu' };
}

function latentShape(inWidth: number, hidden: number): MlpShape {
  return { widths: [inWidth, hidden, hidden, hidden], activation: 'gelu', activateLast: false };
}

export const CONTACTS_DECODER: DecoderDefinition<ContactDecoderConfig> = {
  name: 'contacts',
  specs(config, embeddingDim): ParameterSpec[] {
    const h = config.hidden;
    const channels = convChannels(h, config.convLayers);
    const last = channels[channels.length - 1] ?? 2 * h;
    return [
      ...mlpSpecs(`${PREFIX}.input`, inputShape(embeddingDim, h)),
      ...channels.flatMap((out, k) => [
        ...conv1dSpecs(`${PREFIX}.body.convs.${k}`, k === 0 ? 2 * h : (channels[k - 1] ?? h), out, 3),
        ...layerNormSpecs(`${PREFIX}.body.norms.${k}`, out),
      ]),
      ...mlpSpecs(`${PREFIX}.body.lin`, latentShape(last, h)),
      { name: `${PREFIX}.head.temperature`, shape: [1], init: { kind: 'ones' } },
      { name: `${PREFIX}.head.bias`, shape: [1], init: { kind: 'zeros' } },
      ...positionMlpSpecs(`${PREFIX}.head.positions`, DECODER_POSITION_MLP),
      ...edgeLogitSpecs(`${PREFIX}.head`, h, DECODER_POSITION_MLP.out, config.pairHidden),
    ];
  },
  forward(params, config, tokens, context) {
    const { mask } = context;
    const rows = tf.expandDims(mask, 2);
    const dropped = decoderDropout(tf.mul(tokens, rows) as tf.Tensor3D, config.dropout, context, `${PREFIX}.input`);
    let x = mlp(params, `${PREFIX}.input`, inputShape(tokens.shape[2], config.hidden), dropped) as tf.Tensor3D;
    const channels = convChannels(config.hidden, config.convLayers);
    for (let k = 0; k < channels.length; k++) {
      const convolved = ACTIVATIONS.silu(maskedConv1d(params, `${PREFIX}.body.convs.${k}`, x, mask));
      x = layerNorm(params, `${PREFIX}.body.norms.${k}`, convolved, CONV_NORM_EPS) as tf.Tensor3D;
    }
    const z = mlp(params, `${PREFIX}.body.lin`, latentShape(x.shape[2], config.hidden), x) as tf.Tensor3D;
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
