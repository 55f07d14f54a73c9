/**
 * A stack of post-LN transformer encoder layers with PyTorch `nn.TransformerEncoderLayer` semantics (defaults:
 * ReLU feed-forward, norm_first=False, LayerNorm eps 1e-5), batch-first and with a key-padding mask:
 *
 *   x ← norm1(x + dropout1(selfAttention(x)))
 *   x ← norm2(x + dropout2(linear2(dropout(relu(linear1(x))))))
 *
 * Parameters (named as PyTorch's): `transformer-encoder-specs.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import { layerNorm } from '../layers/layer-norm';
import { linear } from '../layers/linear';
import type { ParameterSet } from '../params/parameter-set';
import { decoderDropout } from './decoder-dropout';
import type { DecoderContext } from './decoder-types';
import { maskedSelfAttention } from './masked-self-attention';
import type { TransformerShape } from './transformer-encoder-specs';

/** PyTorch's TransformerEncoderLayer LayerNorm epsilon. */
export const TRANSFORMER_LAYER_NORM_EPS = 1e-5;

/** One post-LN layer: x [B, L, hidden], mask [B, L] → [B, L, hidden]. */
export function transformerLayer(
  params: ParameterSet,
  name: string,
  x: tf.Tensor3D,
  mask: tf.Tensor2D,
  shape: Pick<TransformerShape, 'heads' | 'dropout'>,
  context: DecoderContext,
): tf.Tensor3D {
  const p = shape.dropout;
  const attended = maskedSelfAttention(params, `${name}.selfAttention`, x, mask, shape.heads, p, context);
  const h = layerNorm(
    params,
    `${name}.norm1`,
    tf.add(x, decoderDropout(attended, p, context, `${name}.dropout1`)),
    TRANSFORMER_LAYER_NORM_EPS,
  );
  const inner = decoderDropout(tf.relu(linear(params, `${name}.linear1`, h)), p, context, `${name}.dropout`);
  const fed = decoderDropout(linear(params, `${name}.linear2`, inner), p, context, `${name}.dropout2`);
  return layerNorm(params, `${name}.norm2`, tf.add(h, fed), TRANSFORMER_LAYER_NORM_EPS) as tf.Tensor3D;
}

/** `layers` post-LN layers in sequence: x [B, L, hidden] → [B, L, hidden]. */
export function transformerEncoder(
  params: ParameterSet,
  prefix: string,
  x: tf.Tensor3D,
  mask: tf.Tensor2D,
  shape: TransformerShape & { readonly layers: number },
  context: DecoderContext,
): tf.Tensor3D {
  let y = x;
  for (let k = 0; k < shape.layers; k++) y = transformerLayer(params, `${prefix}.layers.${k}`, y, mask, shape, context);
  return y;
}
