/**
 * The parameters of the trunk the sequence and geometry decoders share (`transformer-trunk.ts`): the token input
 * (`<prefix>.input…`) and the transformer layers (`<prefix>.body`); each decoder adds its heads (`<prefix>.head…`).
 */
import type { TransformerDecoderConfig } from '../model-config';
import type { ParameterSpec } from '../params/parameter-spec';
import { tokenInputSpecs } from './token-input-specs';
import { transformerEncoderSpecs } from './transformer-encoder-specs';

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

/** The parameters of `decoder.<name>`: the trunk, then the heads `headSpecs` declares for width `hidden`. */
export function trunkDecoderSpecs(
  name: 'sequence' | 'geometry',
  headSpecs: (prefix: string, hidden: number) => ParameterSpec[],
): (config: TransformerDecoderConfig, embeddingDim: number) => ParameterSpec[] {
  const prefix = `decoder.${name}`;
  return (config, embeddingDim) => [
    ...transformerTrunkSpecs(prefix, embeddingDim, config),
    ...headSpecs(prefix, config.hidden),
  ];
}
