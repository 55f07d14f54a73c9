/**
 * The input path of the transformer decoders (FoldTree2 `input.dropout` + `input.proj`): tokens ‖ raw 256-d
 * position code (REF's concat_positions), padding rows zeroed, dropout, then Linear → GELU → Linear → GELU
 * (→ Tanh for the geometry decoder, as FoldTree2's Transformer_Geometry_Decoder does).
 */
import * as tf from '@tensorflow/tfjs';
import { mlp, mlpSpecs, type MlpShape } from '../layers/mlp';
import type { ParameterSet } from '../params/parameter-set';
import type { ParameterSpec } from '../params/parameter-spec';
import { decoderDropout } from './decoder-dropout';
import type { DecoderContext } from './decoder-types';

/** Width of the sinusoidal position code in `positions`. */
export const POSITION_CODE_WIDTH = 256;

function inputShape(embeddingDim: number, hidden: number): MlpShape {
  return { widths: [embeddingDim + POSITION_CODE_WIDTH, hidden, hidden], activation: 'gelu' };
}

/** `<prefix>.input.0` (D + 256 → hidden) and `<prefix>.input.1` (hidden → hidden). */
export function tokenInputSpecs(prefix: string, embeddingDim: number, hidden: number): ParameterSpec[] {
  return mlpSpecs(`${prefix}.input`, inputShape(embeddingDim, hidden));
}

/** tokens [B, L, D] → [B, L, hidden]; every row is a function of its own (zeroed-if-padding) inputs only. */
export function tokenInput(
  params: ParameterSet,
  prefix: string,
  tokens: tf.Tensor3D,
  context: DecoderContext,
  options: { readonly hidden: number; readonly dropout: number; readonly finalTanh: boolean },
): tf.Tensor3D {
  const [, , D] = tokens.shape;
  if (context.positions.shape[2] !== POSITION_CODE_WIDTH) {
    throw new Error(`${prefix}: positions have ${context.positions.shape[2]} columns, expected ${POSITION_CODE_WIDTH}`);
  }
  const joined = tf.mul(tf.concat([tokens, context.positions], 2), tf.expandDims(context.mask, 2));
  const dropped = decoderDropout(joined, options.dropout, context, `${prefix}.input`);
  const projected = mlp(params, `${prefix}.input`, inputShape(D, options.hidden), dropped);
  return (options.finalTanh ? tf.tanh(projected) : projected) as tf.Tensor3D;
}
