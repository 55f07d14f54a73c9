/**
 * The trunk the sequence and geometry decoders share: the token input (`<prefix>.input…`, see token-input.ts), then
 * a stack of transformer encoder layers (`<prefix>.body`). Each decoder puts its own heads on top (`trunkDecoder`).
 */
import type * as tf from '@tensorflow/tfjs';
import type { TransformerDecoderConfig } from '../model-config';
import type { ParameterSet } from '../params/parameter-set';
import type { ParameterSpec } from '../params/parameter-spec';
import type { DecoderContext, DecoderDefinition, DecoderOutputs } from './decoder-types';
import { tokenInput, tokenInputSpecs } from './token-input';
import { transformerEncoder, transformerEncoderSpecs } from './transformer-encoder';

export function transformerTrunkSpecs(
  prefix: string,
  embeddingDim: number,
  config: TransformerDecoderConfig,
): ParameterSpec[] {
  return [
    ...tokenInputSpecs(prefix, embeddingDim, config.hidden, config.learnPositions),
    ...transformerEncoderSpecs(`${prefix}.body`, config),
  ];
}

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

/** A decoder's own heads on the trunk, their parameters named under `<prefix>.head`. */
export interface TrunkHeads {
  /** Whether the token input ends in Tanh (see `transformerTrunk`). */
  readonly finalTanh: boolean;
  specs(prefix: string, hidden: number): ParameterSpec[];
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
    specs: (config, embeddingDim) => [
      ...transformerTrunkSpecs(prefix, embeddingDim, config),
      ...heads.specs(prefix, config.hidden),
    ],
    forward: (params, config, tokens, context) => {
      const body = transformerTrunk(params, prefix, tokens, context, config, heads.finalTanh);
      return heads.forward(params, prefix, body, config.hidden, context);
    },
  };
}
