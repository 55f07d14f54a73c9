/**
 * The input path of the transformer decoders (FoldTree2 `input.dropout` + `input.proj`): tokens ‖ position code,
 * padding rows zeroed, dropout, then Linear → GELU → Linear → GELU (→ Tanh for the geometry decoder, as FoldTree2's
 * Transformer_Geometry_Decoder does). The position code is the raw 256-d one (REF's `concat_positions`) or, with
 * `learnPositions`, the decoder's own Position_MLP code of 32 columns (HEAD's `learn_positions`, FoldTree2's
 * `input.position_mlp`), kept here as `<prefix>.input.positions.*`. Shapes and parameters: `token-input-specs.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import { mlp } from '../layers/mlp';
import { positionMlp, positionMlpDropout } from '../layers/position-mlp';
import { DECODER_POSITION_MLP } from '../layers/position-mlp-specs';
import type { ParameterSet } from '../params/parameter-set';
import { decoderDropout } from './decoder-dropout';
import type { DecoderContext } from './decoder-types';
import { POSITION_CODE_WIDTH, tokenInputShape } from './token-input-specs';

export interface TokenInputOptions {
  readonly hidden: number;
  readonly dropout: number;
  readonly finalTanh: boolean;
  readonly learnPositions: boolean;
}

/** tokens [B, L, D] → [B, L, hidden]; every row is a function of its own (zeroed-if-padding) inputs only. */
export function tokenInput(
  params: ParameterSet,
  prefix: string,
  tokens: tf.Tensor3D,
  context: DecoderContext,
  options: TokenInputOptions,
): tf.Tensor3D {
  const [, , D] = tokens.shape;
  if (context.positions.shape[2] !== POSITION_CODE_WIDTH) {
    throw new Error(`${prefix}: positions have ${context.positions.shape[2]} columns, expected ${POSITION_CODE_WIDTH}`);
  }
  const rows = tf.expandDims(context.mask, 2);
  const code = options.learnPositions
    ? positionMlp(
        params,
        `${prefix}.input.positions`,
        DECODER_POSITION_MLP,
        tf.mul(context.positions, rows) as tf.Tensor3D,
        (x) => decoderDropout(x, positionMlpDropout(options.dropout), context, `${prefix}.input.positions`),
      )
    : context.positions;
  const joined = tf.mul(tf.concat([tokens, code], 2), rows);
  const dropped = decoderDropout(joined, options.dropout, context, `${prefix}.input`);
  const projected = mlp(params, `${prefix}.input`, tokenInputShape(D, options.hidden, options.learnPositions), dropped);
  return (options.finalTanh ? tf.tanh(projected) : projected) as tf.Tensor3D;
}
