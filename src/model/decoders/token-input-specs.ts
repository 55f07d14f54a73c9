/**
 * The shape and parameters of the transformer decoders' token input (`token-input.ts`): tokens ‖ position code →
 * Linear → GELU → Linear → GELU, the position code raw (256) or the decoder's own Position_MLP code (32).
 */
import { mlpSpecs, type MlpShape } from '../layers/mlp-specs';
import { DECODER_POSITION_MLP, positionMlpSpecs } from '../layers/position-mlp-specs';
import type { ParameterSpec } from '../params/parameter-spec';

/** Width of the sinusoidal position code in `positions`. */
export const POSITION_CODE_WIDTH = 256;

export function tokenInputShape(embeddingDim: number, hidden: number, learnPositions: boolean): MlpShape {
  return {
    widths: [embeddingDim + (learnPositions ? DECODER_POSITION_MLP.out : POSITION_CODE_WIDTH), hidden, hidden],
    activation: 'gelu',
  };
}

/** `<prefix>.input.0` (D + 256 or D + 32 → hidden), `<prefix>.input.1` (hidden → hidden), and the position MLP. */
export function tokenInputSpecs(
  prefix: string,
  embeddingDim: number,
  hidden: number,
  learnPositions: boolean,
): ParameterSpec[] {
  return [
    ...(learnPositions ? positionMlpSpecs(`${prefix}.input.positions`, DECODER_POSITION_MLP) : []),
    ...mlpSpecs(`${prefix}.input`, tokenInputShape(embeddingDim, hidden, learnPositions)),
  ];
}
