/**
 * The parameters of the post-LN transformer encoder stack (`transformer-encoder.ts`), named as PyTorch's:
 * `<prefix>.layers.<k>.{selfAttention.{inProjection,outProjection},linear1,linear2,norm1,norm2}`.
 */
import { layerNormSpecs } from '../layers/layer-norm-specs';
import { linearSpecs } from '../layers/linear-specs';
import type { TransformerDecoderConfig } from '../model-config';
import type { ParameterSpec } from '../params/parameter-spec';
import { selfAttentionSpecs } from './self-attention-specs';

export type TransformerShape = Pick<TransformerDecoderConfig, 'hidden' | 'heads' | 'feedForward' | 'dropout'>;

export function transformerLayerSpecs(
  name: string,
  shape: Pick<TransformerShape, 'hidden' | 'heads' | 'feedForward'>,
): ParameterSpec[] {
  if (shape.hidden % shape.heads !== 0)
    throw new Error(`${name}: hidden ${shape.hidden} is not divisible by ${shape.heads} heads`);
  return [
    ...selfAttentionSpecs(`${name}.selfAttention`, shape.hidden),
    ...linearSpecs(`${name}.linear1`, shape.hidden, shape.feedForward),
    ...linearSpecs(`${name}.linear2`, shape.feedForward, shape.hidden),
    ...layerNormSpecs(`${name}.norm1`, shape.hidden),
    ...layerNormSpecs(`${name}.norm2`, shape.hidden),
  ];
}

export function transformerEncoderSpecs(
  prefix: string,
  shape: TransformerShape & { readonly layers: number },
): ParameterSpec[] {
  return Array.from({ length: shape.layers }, (_, k) => transformerLayerSpecs(`${prefix}.layers.${k}`, shape)).flat();
}
