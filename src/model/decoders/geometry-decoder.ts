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
import type { TransformerDecoderConfig } from '../model-config';
import type { ParameterSpec } from '../params/parameter-spec';
import type { DecoderDefinition } from './decoder-types';
import { HEAD_LAYER_NORM_EPS } from './sequence-decoder';
import { transformerTrunk, transformerTrunkSpecs } from './transformer-trunk';
import { torsionAngles } from './torsion-angles';

export const SS_CLASSES = 3;
/** sin and cos of φ, ψ, ω. */
export const ANGLE_VECTOR_WIDTH = 6;
const PREFIX = 'decoder.geometry';

function headShape(hidden: number, out: number): MlpShape {
  return { widths: [hidden, hidden, hidden, hidden, out], activation: 'gelu', activateLast: false };
}

export const GEOMETRY_DECODER: DecoderDefinition<TransformerDecoderConfig> = {
  name: 'geometry',
  specs(config, embeddingDim): ParameterSpec[] {
    const h = config.hidden;
    return [
      ...transformerTrunkSpecs(PREFIX, embeddingDim, config),
      ...layerNormSpecs(`${PREFIX}.head.ss.norm`, h),
      ...mlpSpecs(`${PREFIX}.head.ss.mlp`, headShape(h, SS_CLASSES)),
      ...mlpSpecs(`${PREFIX}.head.angles`, headShape(h, ANGLE_VECTOR_WIDTH)),
    ];
  },
  forward(params, config, tokens, context) {
    const h = config.hidden;
    const body = transformerTrunk(params, PREFIX, tokens, context, config, true);
    const ssInput = layerNorm(params, `${PREFIX}.head.ss.norm`, body, HEAD_LAYER_NORM_EPS);
    const ssLogits = mlp(params, `${PREFIX}.head.ss.mlp`, headShape(h, SS_CLASSES), ssInput) as tf.Tensor3D;
    const raw = mlp(params, `${PREFIX}.head.angles`, headShape(h, ANGLE_VECTOR_WIDTH), body) as tf.Tensor3D;
    const { vectors, angles } = torsionAngles(raw);
    return { ssLogits, angleVectors: vectors, angles };
  },
};
