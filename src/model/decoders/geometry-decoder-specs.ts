/**
 * The head shapes and parameters of the `geometry` decoder (`geometry-decoder.ts`): the transformer trunk, then
 * `head.ss.norm` and `head.ss.mlp` (secondary structure) and `head.angles` (torsion vectors).
 */
import { layerNormSpecs } from '../layers/layer-norm-specs';
import { mlpSpecs, type MlpShape } from '../layers/mlp-specs';
import { trunkDecoderSpecs } from './transformer-trunk-specs';

export const SS_CLASSES = 3;
/** sin and cos of φ, ψ, ω. */
export const ANGLE_VECTOR_WIDTH = 6;

/** 3 × (Linear → GELU) → Linear(→ out). */
export function geometryHeadShape(hidden: number, out: number): MlpShape {
  return { widths: [hidden, hidden, hidden, hidden, out], activation: 'gelu', activateLast: false };
}

export const geometryDecoderSpecs = trunkDecoderSpecs('geometry', (prefix, h) => [
  ...layerNormSpecs(`${prefix}.head.ss.norm`, h),
  ...mlpSpecs(`${prefix}.head.ss.mlp`, geometryHeadShape(h, SS_CLASSES)),
  ...mlpSpecs(`${prefix}.head.angles`, geometryHeadShape(h, ANGLE_VECTOR_WIDTH)),
]);
