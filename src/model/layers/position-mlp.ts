/**
 * FoldTree2 HEAD's `Position_MLP` (foldtree2/src/layers.py), the learned position code of `learn_positions`:
 *
 *   positions [·, 256] → LayerNorm(256, ε 1e-5) → Dropout(0.05) → Linear → ReLU → … → Linear(→ out) → Tanh
 *
 * Parameters and widths: `position-mlp-specs.ts`; FoldTree2 keeps `<prefix>.norm` as `position_mlp.mlp.0` (the
 * LayerNorm) and `<prefix>.mlp.<k>` as `position_mlp.mlp.<2k + 2>` (Sequential numbers Dropout and ReLU).
 */
import type * as tf from '@tensorflow/tfjs';
import type { ParameterSet } from '../params/parameter-set';
import { layerNorm } from './layer-norm';
import { mlp } from './mlp';
import { POSITION_CODE_COLUMNS, positionMlpShape, type PositionMlpWidths } from './position-mlp-specs';

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
  return mlp(params, `${prefix}.mlp`, positionMlpShape(widths), dropout(normed)) as tf.Tensor3D;
}
