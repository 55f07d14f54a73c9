/**
 * The shape and parameters of FoldTree2 HEAD's `Position_MLP` (`position-mlp.ts`): `<prefix>.norm.{weight,bias}`
 * and `<prefix>.mlp.<k>.{weight,bias}` (Linear k). FoldTree2 fixes the widths: the encoder's is
 * 256 → 256 → 256 → 256 → 64, each decoder's 256 → 128 ×3 → 32.
 */
import type { ParameterSpec } from '../params/parameter-spec';
import { layerNormSpecs } from './layer-norm-specs';
import { mlpSpecs, type MlpShape } from './mlp-specs';

/** Width of the sinusoidal position code the MLP reads. */
export const POSITION_CODE_COLUMNS = 256;

export interface PositionMlpWidths {
  readonly hidden: readonly number[];
  readonly out: number;
}

/** mk1_Encoder's `position_mlp` (learn_positions): 64 learned columns. */
export const ENCODER_POSITION_MLP: PositionMlpWidths = { hidden: [256, 256, 256], out: 64 };
/** Every decoder's `position_mlp` (transformer inputs, the CNN decoder's edge head): 32 learned columns. */
export const DECODER_POSITION_MLP: PositionMlpWidths = { hidden: [128, 128, 128], out: 32 };

/** 256 → hidden… → out, ReLU between the layers and Tanh after the last. */
export function positionMlpShape(widths: PositionMlpWidths): MlpShape {
  return { widths: [POSITION_CODE_COLUMNS, ...widths.hidden, widths.out], activation: 'relu', lastActivation: 'tanh' };
}

export function positionMlpSpecs(prefix: string, widths: PositionMlpWidths): ParameterSpec[] {
  return [
    ...layerNormSpecs(`${prefix}.norm`, POSITION_CODE_COLUMNS),
    ...mlpSpecs(`${prefix}.mlp`, positionMlpShape(widths)),
  ];
}
