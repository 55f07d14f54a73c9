/**
 * `geometry`: secondary structure and backbone torsions from the tokens (FoldTree2's Transformer_Geometry_Decoder).
 *
 *   input  tokens ‖ positions (256 raw or 32 learned) → Linear → GELU → Linear → GELU → Tanh
 *   body   `layers` × post-LN transformer encoder layer with a key-padding mask
 *   head   ss:     LayerNorm(eps 1e-6) → 3 × (Linear → GELU) → Linear(→ 3)        logits [loop, helix, strand]
 *          angles: 3 × (Linear → GELU) → Linear(→ 6) → unit (sin, cos) pairs → atan2
 */
import type * as tf from '@tensorflow/tfjs';
import { layerNorm, layerNormSpecs } from '../layers/layer-norm';
import { mlp, mlpSpecs, type MlpShape } from '../layers/mlp';
import { HEAD_LAYER_NORM_EPS } from './sequence-decoder';
import { trunkDecoder } from './transformer-trunk';
import { torsionAngles } from './torsion-angles';

export const SS_CLASSES = 3;
/** sin and cos of φ, ψ, ω. */
export const ANGLE_VECTOR_WIDTH = 6;

function headShape(hidden: number, out: number): MlpShape {
  return { widths: [hidden, hidden, hidden, hidden, out], activation: 'gelu', activateLast: false };
}

export const GEOMETRY_DECODER = trunkDecoder('geometry', {
  finalTanh: true,
  specs: (prefix, h) => [
    ...layerNormSpecs(`${prefix}.head.ss.norm`, h),
    ...mlpSpecs(`${prefix}.head.ss.mlp`, headShape(h, SS_CLASSES)),
    ...mlpSpecs(`${prefix}.head.angles`, headShape(h, ANGLE_VECTOR_WIDTH)),
  ],
  forward(params, prefix, body, h) {
    const ssInput = layerNorm(params, `${prefix}.head.ss.norm`, body, HEAD_LAYER_NORM_EPS);
    const ssLogits = mlp(params, `${prefix}.head.ss.mlp`, headShape(h, SS_CLASSES), ssInput) as tf.Tensor3D;
    const raw = mlp(params, `${prefix}.head.angles`, headShape(h, ANGLE_VECTOR_WIDTH), body) as tf.Tensor3D;
    const { vectors, angles } = torsionAngles(raw);
    return { ssLogits, angleVectors: vectors, angles };
  },
});
