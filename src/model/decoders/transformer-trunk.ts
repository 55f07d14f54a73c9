/**
 * The trunk the sequence and geometry decoders share: the token input (`<prefix>.input…`, see token-input.ts), then
 * a stack of transformer encoder layers (`<prefix>.body`). Each decoder puts its own heads on top (`trunkDecoder`).
 * Parameters: `transformer-trunk-specs.ts`.
 */
import type * as tf from '@tensorflow/tfjs';
import type { TransformerDecoderConfig } from '../model-config';
import type { ParameterSet } from '../params/parameter-set';
import type { DecoderContext, DecoderDefinition, DecoderOutputs } from './decoder-types';
import { tokenInput } from './token-input';
import { transformerEncoder } from './transformer-encoder';

/** [B, L, hidden]; `finalTanh` bounds the token input (the geometry decoder's, as in FoldTree2). */
export function transformerTrunk(
  params: ParameterSet,
  prefix: string,
  tokens: tf.Tensor3D,
  context: DecoderContext,
  config: TransformerDecoderConfig,
  finalTanh: boolean,
): tf.Tensor3D {
  const x = tokenInput(params, prefix, tokens, context, {
    hidden: config.hidden,
    dropout: config.dropout,
    finalTanh,
    learnPositions: config.learnPositions,
  });
  return transformerEncoder(params, `${prefix}.body`, x, context.mask, config, context);
}

/** A decoder's own heads on the trunk, reading the parameters under `<prefix>.head`. */
export interface TrunkHeads {
  /** Whether the token input ends in Tanh (see `transformerTrunk`). */
  readonly finalTanh: boolean;
  /** `body` [B, L, hidden] is the trunk's output for the tokens. */
  forward(
    params: ParameterSet,
    prefix: string,
    body: tf.Tensor3D,
    hidden: number,
    context: DecoderContext,
  ): DecoderOutputs;
}

/** The decoder `decoder.<name>`: the shared trunk with `heads` on top. */
export function trunkDecoder(
  name: 'sequence' | 'geometry',
  heads: TrunkHeads,
): DecoderDefinition<TransformerDecoderConfig> {
  const prefix = `decoder.${name}`;
  return {
    name,
    forward: (params, config, tokens, context) => {
      const body = transformerTrunk(params, prefix, tokens, context, config, heads.finalTanh);
      return heads.forward(params, prefix, body, config.hidden, context);
    },
  };
}
