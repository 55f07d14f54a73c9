/**
 * The per-batch statistics the EMA codebook update needs: how many real residues chose each code and the sum of
 * their encoder outputs. Computed as tensors, read back as plain arrays so data-parallel workers can all-reduce
 * (sum) them before every replica applies the same `applyEma` — FoldTree2 lets its DDP ranks drift here (§7.24).
 */
import * as tf from '@tensorflow/tfjs';
import { maskedRows } from './masked-rows';

/** Sufficient statistics of one batch (or the sum over several batches / workers). Plain, transferable arrays. */
export interface EmaStatistics {
  /** [K]: real residues assigned to each code (FoldTree2's `encodings.sum(0)`). */
  readonly counts: Float32Array;
  /** [K·D] row-major [K, D]: Σ of the encoder outputs z assigned to each code (FoldTree2's `encodingsᵀ·x`). */
  readonly sums: Float32Array;
}

/**
 * counts [K] and sums [K, D] as tensors, from encoder outputs z [B, L, D], the codes `quantize` returned [B, L]
 * (int32, −1 on padding) and mask [B, L]. No gradient is meant to flow (call it outside the tape). Padding rows
 * contribute nothing, whatever they hold.
 */
export function emaStatisticsTensors(
  z: tf.Tensor3D,
  codes: tf.Tensor2D,
  mask: tf.Tensor2D,
  codeCount: number,
): { counts: tf.Tensor1D; sums: tf.Tensor2D } {
  const [B, L] = z.shape;
  return tf.tidy(() => {
    const N = B * L;
    const { rows: zClean, maskColumn } = maskedRows(z, mask);
    const oneHot = tf.mul(tf.oneHot(tf.reshape(tf.cast(codes, 'int32'), [N]), codeCount, 1, 0, 'float32'), maskColumn);
    return { counts: tf.sum(oneHot, 0) as tf.Tensor1D, sums: tf.matMul(oneHot, zClean, true, false) as tf.Tensor2D };
  });
}

/** {@link emaStatisticsTensors} read back to the CPU (awaits the device; never blocks a WebGPU queue). */
export async function emaStatistics(
  z: tf.Tensor3D,
  codes: tf.Tensor2D,
  mask: tf.Tensor2D,
  codeCount: number,
): Promise<EmaStatistics> {
  const { counts, sums } = emaStatisticsTensors(z, codes, mask, codeCount);
  try {
    const [countValues, sumValues] = await Promise.all([counts.data<'float32'>(), sums.data<'float32'>()]);
    return { counts: Float32Array.from(countValues), sums: Float32Array.from(sumValues) };
  } finally {
    tf.dispose([counts, sums]);
  }
}

/** Element-wise sum of statistics from several batches or workers (the all-reduce's combine step). */
export function addEmaStatistics(parts: readonly EmaStatistics[]): EmaStatistics {
  const first = parts[0];
  if (!first) throw new Error('addEmaStatistics: nothing to add');
  const counts = new Float32Array(first.counts.length);
  const sums = new Float32Array(first.sums.length);
  for (const part of parts) {
    if (part.counts.length !== counts.length || part.sums.length !== sums.length)
      throw new Error('addEmaStatistics: statistics of different shapes');
    for (let k = 0; k < counts.length; k++) counts[k] = (counts[k] ?? 0) + (part.counts[k] ?? 0);
    for (let k = 0; k < sums.length; k++) sums[k] = (sums[k] ?? 0) + (part.sums[k] ?? 0);
  }
  return { counts, sums };
}
