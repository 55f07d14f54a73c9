/**
 * Every parameter of the tokenizer as data, without tfjs: what `createModelParameters` (`tokenizer-model.ts`)
 * builds, and what the page counts for the settings panel.
 */
import { decoderSpecs } from './decoders/decoder-specs';
import { encoderSpecs } from './encoder/encoder-specs';
import type { ModelConfig } from './model-config';
import type { ParameterSpec } from './params/parameter-spec';
import { quantizerSpecs } from './quantizer/quantizer-specs';

/**
 * Every parameter of the model, in a stable order: encoder, quantizer, then each enabled decoder. `inputWidth` is
 * the dataset's `res.x` width. Throws, naming the sizes, when the config cannot be built.
 */
export function modelSpecs(config: ModelConfig, inputWidth: number): ParameterSpec[] {
  const dim = config.quantizer.embeddingDim;
  return [
    ...encoderSpecs(config.encoder, inputWidth, dim),
    ...quantizerSpecs(config.quantizer),
    ...decoderSpecs(config.decoders, dim),
  ];
}
