/**
 * Multi-head self-attention with a key-padding mask, PyTorch `nn.MultiheadAttention` semantics (batch-first here):
 * one packed input projection for q, k, v (PyTorch's `in_proj_weight`), scaled dot products, softmax over keys,
 * dropout on the attention weights, heads concatenated, output projection. Parameters: `self-attention-specs.ts`.
 *
 * FoldTree2 passes no key-padding mask, so padding residues take part in every shorter protein's attention
 * (reference §7.9). Here padding keys get a −1e9 additive score, which makes their softmax weight exactly 0 in
 * float32, and the weights are multiplied by the mask again so an all-padding row cannot leak either.
 */
import * as tf from '@tensorflow/tfjs';
import { linear } from '../layers/linear';
import type { ParameterSet } from '../params/parameter-set';
import { maskedAttention } from '../layers/masked-attention';
import { decoderDropoutMultiplier } from './decoder-dropout';
import type { DecoderContext } from './decoder-types';

/** [B, L, H·d] → [B, H, L, d]. */
function splitHeads(x: tf.Tensor, heads: number): tf.Tensor4D {
  const [B, L, dim] = x.shape as [number, number, number];
  return tf.transpose(tf.reshape(x, [B, L, heads, dim / heads]), [0, 2, 1, 3]);
}

/**
 * x [B, L, dim], mask [B, L] → [B, L, dim]. Query rows of padding residues still attend to the real keys (their
 * outputs are unspecified); no real row ever reads a padding key. `dropout` is the attention-weight dropout rate.
 */
export function maskedSelfAttention(
  params: ParameterSet,
  name: string,
  x: tf.Tensor3D,
  mask: tf.Tensor2D,
  heads: number,
  dropout: number,
  context: DecoderContext,
): tf.Tensor3D {
  const [B, L, dim] = x.shape;
  if (dim % heads !== 0) throw new Error(`${name}: width ${dim} is not divisible by ${heads} heads`);
  // The key part of the bias shifts every score of a query's row alike, which the softmax ignores: its exact
  // gradient is zero. It is multiplied out (gradient exactly 0), so no rounding noise reaches it — Adam would
  // amplify that noise into updates, and data-parallel runs would drift from a single trainer's.
  // [1…1 0…0 1…1] uploaded as values (three fill kernels and a concat otherwise, in every layer of every step).
  const biasMask = tf.tensor1d(Float32Array.from({ length: 3 * dim }, (_, k) => (k >= dim && k < 2 * dim ? 0 : 1)));
  const projected = tf.add(
    tf.matMul(tf.reshape(x, [-1, dim]), params.get(`${name}.inProjection.weight`)),
    tf.mul(params.get(`${name}.inProjection.bias`), biasMask),
  );
  const [q, k, v] = tf.split(tf.reshape(projected, [B, L, 3 * dim]), 3, 2) as [tf.Tensor, tf.Tensor, tf.Tensor];
  const keyMask = tf.reshape(mask, [B, 1, 1, L]);
  const mixed = maskedAttention(splitHeads(q, heads), splitHeads(k, heads), splitHeads(v, heads), {
    allowed: keyMask,
    scale: 1 / Math.sqrt(dim / heads),
    dropout: decoderDropoutMultiplier([B, heads, L, L], dropout, context, `${name}.weights`),
  });
  const joined = tf.transpose(mixed, [0, 2, 1, 3]);
  return linear(params, `${name}.outProjection`, tf.reshape(joined, [B, L, dim])) as tf.Tensor3D;
}
