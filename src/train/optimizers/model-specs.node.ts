/**
 * Test helper: every parameter spec of a preset's model (encoder, quantizer, enabled decoders), with FoldTree2's
 * 857-column `res.x` as the encoder's input width. Node only.
 */
import { modelSpecs } from '../../model/model-specs';
import type { ParameterSpec } from '../../model/params/parameter-spec';
import { MODEL_PRESETS, type ModelPresetName } from '../../model/presets';

/** FoldTree2's `res.x` width (foldtree2-reference §1.3). */
export const FOLDTREE2_INPUT_WIDTH = 857;

export function presetSpecs(preset: ModelPresetName, inputWidth = FOLDTREE2_INPUT_WIDTH): ParameterSpec[] {
  return modelSpecs(MODEL_PRESETS[preset], inputWidth);
}
