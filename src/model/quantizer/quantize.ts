/**
 * The vector-quantisation step: nearest code per real residue, the VQ loss, the straight-through output and the
 * per-code counts. One function for both FoldTree2 quantizers (`VectorQuantizerEMA` and `VectorQuantizer`): they
 * share this forward pass and differ only in how the codebook is updated afterwards (EMA or gradient).
 */
import * as tf from '@tensorflow/tfjs';
import { maskedRows } from './masked-rows';
import { squaredDistances } from './squared-distances';
import { stopGradient } from './stop-gradient';

/** Code written for padding residues: no row of a one-hot matrix, so it selects nothing anywhere downstream. */
export const PADDING_CODE = -1;

/** Everything `quantize` returns; all tensors are new and owned by the caller. */
export interface QuantizeResult {
  /** [B, L, D] float32: the code vectors with the straight-through gradient (d/dz = identity); 0 on padding. */
  readonly quantized: tf.Tensor3D;
  /** [B, L] int32: index of the nearest code, {@link PADDING_CODE} on padding. */
  readonly codes: tf.Tensor2D;
  /** Scalar: qLatent + β·eLatent, the quantizer's loss before any loss weight. */
  readonly loss: tf.Scalar;
  /** Scalar: mean over real residues and D of (q − sg(z))²; its gradient moves the codebook. */
  readonly qLatent: tf.Scalar;
  /** Scalar: mean over real residues and D of (sg(q) − z)²; its gradient moves the encoder (commitment). */
  readonly eLatent: tf.Scalar;
  /** [K] float32: how many real residues chose each code in this batch. */
  readonly counts: tf.Tensor1D;
}

/**
 * Quantizes encoder outputs z [B, L, D] against `codebook` [K, D]. `mask` [B, L] is 1 for real residues and 0 for
 * padding; padding rows of z may hold anything (even NaN) and change no output, loss, count or gradient.
 * `commitmentCost` is β (see `commitment-schedule.ts`). Tidy-safe; differentiable w.r.t. z and the codebook.
 *
 * Means are over real residues only (N_real·D), whereas FoldTree2 averages over its unpadded node list, which is
 * the same set: the padded layout changes nothing.
 */
export function quantize(
  codebook: tf.Tensor2D,
  z: tf.Tensor3D,
  mask: tf.Tensor2D,
  commitmentCost: number,
  residueDenominator?: number,
): QuantizeResult {
  const [B, L, D] = z.shape;
  const [K, codeDim] = codebook.shape;
  if (codeDim !== D) throw new Error(`quantize: z has width ${D}, the codebook ${codeDim}`);
  if (mask.shape[0] !== B || mask.shape[1] !== L)
    throw new Error(`quantize: mask ${mask.shape.join('×')} does not match z ${B}×${L}`);
  if (!Number.isFinite(commitmentCost) || commitmentCost < 0)
    throw new RangeError(`quantize: commitment cost must be ≥ 0, got ${commitmentCost}`);
  return tf.tidy(() => {
    const N = B * L;
    const { rows: zClean, maskColumn } = maskedRows(z, mask);
    const realColumn = tf.greater(maskColumn, 0);

    const nearest = tf.argMin(squaredDistances(stopGradient(zClean), stopGradient(codebook)), 1);
    const codesFlat = tf.where(tf.reshape(realColumn, [N]), nearest, tf.fill([N], PADDING_CODE, 'int32'));
    // One-hot × codebook as a matMul: its gradient to the codebook is oneHotᵀ·dq, dense (no gather/segment sum).
    const oneHot = tf.mul(tf.oneHot(codesFlat, K, 1, 0, 'float32'), maskColumn);
    const q = tf.matMul(oneHot, codebook);

    // Over this batch's real residues, or over a whole accumulation window's when `residueDenominator` is given.
    const residues =
      residueDenominator === undefined ? tf.maximum(tf.sum(maskColumn), 1) : Math.max(residueDenominator, 1);
    const elements = tf.mul(residues, D);
    const meanSquare = (a: tf.Tensor, b: tf.Tensor): tf.Scalar =>
      tf.div(tf.sum(tf.mul(tf.square(tf.sub(a, b)), maskColumn)), elements);
    const qLatent = meanSquare(q, stopGradient(zClean));
    const eLatent = meanSquare(stopGradient(q), zClean);
    const loss = tf.add(qLatent, tf.mul(eLatent, commitmentCost)) as tf.Scalar;

    const straightThrough = tf.mul(tf.add(zClean, stopGradient(tf.sub(q, zClean))), maskColumn);
    return {
      quantized: tf.reshape(straightThrough, [B, L, D]) as tf.Tensor3D,
      codes: tf.reshape(codesFlat, [B, L]) as tf.Tensor2D,
      loss,
      qLatent,
      eLatent,
      counts: tf.sum(oneHot, 0) as tf.Tensor1D,
    };
  });
}
