/**
 * Test helper: every parameter spec of a preset's model (encoder, quantizer, enabled decoders), with FoldTree2's
 * 857-column `res.x` as the encoder's input width. Node only.
 */
import { decoderSpecs } from '../../model/decoders/registry';
import { encoderSpecs } from '../../model/encoder/encoder';
import type { ParameterSpec } from '../../model/params/parameter-spec';
import { MODEL_PRESETS, type ModelPresetName } from '../../model/presets';
import { quantizerSpecs } from '../../model/quantizer/quantizer-specs';

/** FoldTree2's `res.x` width (foldtree2-reference §1.3). */
export const FOLDTREE2_INPUT_WIDTH = 857;

export function presetSpecs(preset: ModelPresetName, inputWidth = FOLDTREE2_INPUT_WIDTH): ParameterSpec[] {
  const config = MODEL_PRESETS[preset];
  const embeddingDim = config.quantizer.embeddingDim;
  return [
    ...encoderSpecs(config.encoder, inputWidth, embeddingDim),
    ...quantizerSpecs(config.quantizer),
    ...decoderSpecs(config.decoders, embeddingDim),
  ];
}
