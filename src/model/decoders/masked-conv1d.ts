/**
 * Conv1d over padded proteins that behaves exactly like PyTorch's zero-padded `nn.Conv1d(k, padding=k // 2)` run
 * on each UNPADDED protein: padding rows are zeroed first, so the kernel sees zeros past a protein's last residue
 * just as PyTorch's implicit padding does (proteins start at row 0, so the left edge is the same too).
 *
 * Weight layout is tfjs's filter layout [k, in, out] (`conv1d-specs.ts`); PyTorch stores (out, in, k): ours[t, c, o] =
 * torch[o, c, t].
 */
import * as tf from '@tensorflow/tfjs';
import type { ParameterSet } from '../params/parameter-set';

/**
 * x [B, L, in], mask [B, L] → [B, L, out], stride 1, length kept. Padding rows of the result are unspecified.
 *
 * Computed as one matMul over the k shifted copies of the input (im2col) rather than tf.conv1d: the same numbers,
 * but the filter gradient is then a matMul too, where tfjs's Conv2DBackpropFilter kernel took about half of a
 * whole training step on the CPU backend.
 */
export function maskedConv1d(params: ParameterSet, name: string, x: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor3D {
  const weight = params.get(`${name}.weight`);
  const [kernel = 1, inChannels = 0, outChannels = 0] = weight.shape;
  const [B = 0, L = 0] = x.shape;
  const half = (kernel - 1) / 2;
  const zeroed = tf.mul(x, tf.expandDims(mask, 2));
  const padded = tf.pad(zeroed, [
    [0, 0],
    [half, half],
    [0, 0],
  ]);
  // Column block t holds x[i + t − half]: the same order as the filter's first axis.
  const columns =
    kernel === 1
      ? zeroed
      : tf.concat(
          Array.from({ length: kernel }, (_, t) => tf.slice(padded, [0, t, 0], [B, L, inChannels])),
          2,
        );
  const out = tf.matMul(
    tf.reshape(columns, [B * L, kernel * inChannels]),
    tf.reshape(weight, [kernel * inChannels, outChannels]),
  );
  return tf.add(tf.reshape(out, [B, L, outChannels]), params.get(`${name}.bias`)) as tf.Tensor3D;
}
