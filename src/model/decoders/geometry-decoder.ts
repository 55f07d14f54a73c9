/**
 * `geometry`: secondary structure and backbone torsions from the tokens (FoldTree2's Transformer_Geometry_Decoder).
 *
 *   input  tokens ‖ positions (256 raw or 32 learned) → Linear → GELU → Linear → GELU → Tanh
 *   body   `layers` × post-LN transformer encoder layer with a key-padding mask
 *   head   ss:     LayerNorm(eps 1e-6) → 3 × (Linear → GELU) → Linear(→ 3)        logits [loop, helix, strand]
 *          angles: 3 × (Linear → GELU) → Linear(→ 6) → unit (sin, cos) pairs → atan2
 *
 * Parameters: `geometry-decoder-specs.ts`.
 */
import type * as tf from '@tensorflow/tfjs';
import { layerNorm } from '../layers/layer-norm';
import { mlp } from '../layers/mlp';
import { ANGLE_VECTOR_WIDTH, geometryHeadShape, SS_CLASSES } from './geometry-decoder-specs';
import { HEAD_LAYER_NORM_EPS } from './sequence-decoder';
import { trunkDecoder } from './transformer-trunk';
import { torsionAngles } from './torsion-angles';

export const GEOMETRY_DECODER = trunkDecoder('geometry', {
  finalTanh: true,
  forward(params, prefix, body, h) {
    const ssInput = layerNorm(params, `${prefix}.head.ss.norm`, body, HEAD_LAYER_NORM_EPS);
    const ssLogits = mlp(params, `${prefix}.head.ss.mlp`, geometryHeadShape(h, SS_CLASSES), ssInput) as tf.Tensor3D;
    const raw = mlp(params, `${prefix}.head.angles`, geometryHeadShape(h, ANGLE_VECTOR_WIDTH), body) as tf.Tensor3D;
    const { vectors, angles } = torsionAngles(raw);
    return { ssLogits, angleVectors: vectors, angles };
  },
});
