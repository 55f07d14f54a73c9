/**
 * The layer widths and parameters of the `contacts` decoder (`contacts-decoder.ts`): `input` MLP, `body.convs.<k>`
 * and `body.norms.<k>`, `body.lin`, the contact head's `head.temperature` and `head.bias`, the head's own
 * Position_MLP `head.positions`, and the distance head (`edge-logits-specs.ts`).
 */
import { layerNormSpecs } from '../layers/layer-norm-specs';
import { mlpSpecs, type MlpShape } from '../layers/mlp-specs';
import { DECODER_POSITION_MLP, positionMlpSpecs } from '../layers/position-mlp-specs';
import type { ContactDecoderConfig } from '../model-config';
import type { ParameterSpec } from '../params/parameter-spec';
import { conv1dSpecs } from './conv1d-specs';
import { edgeLogitSpecs } from './edge-logits-specs';

export const CONTACTS_PREFIX = 'decoder.contacts';

/** Conv widths: layer k maps convChannels(h, n)[k − 1] (2h for k = 0) → convChannels(h, n)[k]. */
export function convChannels(hidden: number, layers: number): number[] {
  return Array.from({ length: layers }, (_, k) => (k === 0 ? 2 * hidden : hidden));
}

/** Linear(D → 2h) → GELU → Linear(2h → 2h) → GELU. */
export function contactsInputShape(embeddingDim: number, hidden: number): MlpShape {
  return { widths: [embeddingDim, 2 * hidden, 2 * hidden], activation: 'gelu' };
}

/** Linear(→ h) → GELU → Linear(h → h) → GELU → Linear(h → h): the latent z the heads read. */
export function contactsLatentShape(inWidth: number, hidden: number): MlpShape {
  return { widths: [inWidth, hidden, hidden, hidden], activation: 'gelu', activateLast: false };
}

export function contactsDecoderSpecs(config: ContactDecoderConfig, embeddingDim: number): ParameterSpec[] {
  const h = config.hidden;
  const channels = convChannels(h, config.convLayers);
  const last = channels[channels.length - 1] ?? 2 * h;
  return [
    ...mlpSpecs(`${CONTACTS_PREFIX}.input`, contactsInputShape(embeddingDim, h)),
    ...channels.flatMap((out, k) => [
      ...conv1dSpecs(`${CONTACTS_PREFIX}.body.convs.${k}`, k === 0 ? 2 * h : (channels[k - 1] ?? h), out, 3),
      ...layerNormSpecs(`${CONTACTS_PREFIX}.body.norms.${k}`, out),
    ]),
    ...mlpSpecs(`${CONTACTS_PREFIX}.body.lin`, contactsLatentShape(last, h)),
    { name: `${CONTACTS_PREFIX}.head.temperature`, shape: [1], init: { kind: 'ones' } },
    { name: `${CONTACTS_PREFIX}.head.bias`, shape: [1], init: { kind: 'zeros' } },
    ...positionMlpSpecs(`${CONTACTS_PREFIX}.head.positions`, DECODER_POSITION_MLP),
    ...edgeLogitSpecs(`${CONTACTS_PREFIX}.head`, h, DECODER_POSITION_MLP.out, config.pairHidden),
  ];
}
