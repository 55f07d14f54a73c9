/**
 * FoldTree2 HEAD's `Position_MLP` (foldtree2/src/layers.py), the learned position code of `learn_positions`:
 *
 *   positions [·, 256] → LayerNorm(256, ε 1e-5) → Dropout(0.05) → Linear → ReLU → … → Linear(→ out) → Tanh
 *
 * Parameters: `<prefix>.norm.{weight,bias}` and `<prefix>.mlp.<k>.{weight,bias}` (Linear k), which FoldTree2 keeps
 * as `position_mlp.mlp.0` (the LayerNorm) and `position_mlp.mlp.<2k + 2>` (Sequential numbers Dropout and ReLU).
 * FoldTree2 fixes the widths: the encoder's is 256 → 256 → 256 → 256 → 64, each decoder's 256 → 128 ×3 → 32.
 */
import type * as tf from '@tensorflow/tfjs';
import type { ParameterSet } from '../params/parameter-set';
import type { ParameterSpec } from '../params/parameter-spec';
import { layerNorm, layerNormSpecs } from './layer-norm';
import { mlp, mlpSpecs, type MlpShape } from './mlp';

/** Width of the sinusoidal position code the MLP reads. */
export const POSITION_CODE_COLUMNS = 256;
/** Position_MLP's own Dropout, fixed in FoldTree2 whatever the model's dropout. */
export const POSITION_MLP_DROPOUT = 0.05;

/**
 * The rate used: FoldTree2's 0.05 while the module has any dropout at all; a model configured with dropout 0 has
 * none anywhere (deterministic runs, exact data-parallel equivalence).
 */
export function positionMlpDropout(moduleDropout: number): number {
  return moduleDropout > 0 ? POSITION_MLP_DROPOUT : 0;
}
/** nn.LayerNorm's default ε. */
export const POSITION_MLP_NORM_EPS = 1e-5;

export interface PositionMlpWidths {
  readonly hidden: readonly number[];
  readonly out: number;
}

/** mk1_Encoder's `position_mlp` (learn_positions): 64 learned columns. */
export const ENCODER_POSITION_MLP: PositionMlpWidths = { hidden: [256, 256, 256], out: 64 };
/** Every decoder's `position_mlp` (transformer inputs, the CNN decoder's edge head): 32 learned columns. */
export const DECODER_POSITION_MLP: PositionMlpWidths = { hidden: [128, 128, 128], out: 32 };

function shape(widths: PositionMlpWidths): MlpShape {
  return { widths: [POSITION_CODE_COLUMNS, ...widths.hidden, widths.out], activation: 'relu', lastActivation: 'tanh' };
}

export function positionMlpSpecs(prefix: string, widths: PositionMlpWidths): ParameterSpec[] {
  return [...layerNormSpecs(`${prefix}.norm`, POSITION_CODE_COLUMNS), ...mlpSpecs(`${prefix}.mlp`, shape(widths))];
}

/**
 * positions [B, L, 256] → [B, L, out] in (−1, 1), row by row. `dropout` applies the caller's seeded dropout at
 * rate {@link POSITION_MLP_DROPOUT} (identity outside training).
 */
export function positionMlp(
  params: ParameterSet,
  prefix: string,
  widths: PositionMlpWidths,
  positions: tf.Tensor3D,
  dropout: (x: tf.Tensor) => tf.Tensor,
): tf.Tensor3D {
  if (positions.shape[2] !== POSITION_CODE_COLUMNS)
    throw new Error(`${prefix}: positions have ${positions.shape[2]} columns, expected ${POSITION_CODE_COLUMNS}`);
  const normed = layerNorm(params, `${prefix}.norm`, positions, POSITION_MLP_NORM_EPS);
  return mlp(params, `${prefix}.mlp`, shape(widths), dropout(normed)) as tf.Tensor3D;
}
