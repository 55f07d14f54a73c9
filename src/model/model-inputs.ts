/**
 * A PaddedBatch as the tensors the model reads. B proteins, L padded residues. Every per-residue tensor is zero
 * in padding rows; `mask` says which rows are real. Pair tensors are indexed [b, i, j] with i the residue that
 * receives (attention query) and j the one that sends, which for the symmetric contact graph is also [b, src, dst].
 * The owner disposes the whole set with `disposeModelInputs`.
 */
import * as tf from '@tensorflow/tfjs';
import type { PaddedBatch } from '../protocol/padded-batch';

/** Contact distances enter attention as d / 10 Å, so the additive edge term is of order one. */
export const EDGE_DISTANCE_SCALE_ANGSTROM = 10;

export interface ModelInputs {
  readonly batchSize: number;
  readonly length: number;
  /** [B, L, F]: `res.x`, F read from the file. */
  readonly res: tf.Tensor3D;
  /** [B, L, 256]: the sinusoidal position code. */
  readonly positions: tf.Tensor3D;
  /** [B, L, 160]: fourier1dr ‖ fourier1di. */
  readonly fourier: tf.Tensor3D;
  /** [B, L, 20]: amino-acid one-hot (also the sequence target). */
  readonly aminoAcids: tf.Tensor3D;
  /** [B, L]: 1 for real residues. */
  readonly mask: tf.Tensor2D;
  /** [B, L, L]: 1 where j is a contact neighbour of i (never for padding, never i = j). */
  readonly neighbours: tf.Tensor3D;
  /** [B, L, L]: contact distance / EDGE_DISTANCE_SCALE_ANGSTROM where `neighbours` is 1, else 0. */
  readonly edgeFeature: tf.Tensor3D;
}

function perResidue(batch: PaddedBatch, type: 'res' | 'positions' | 'AA' | 'fourier1dr' | 'fourier1di'): tf.Tensor3D {
  const feature = batch.residueFeatures[type];
  if (!feature) throw new Error(`the batch has no '${type}' node type (padBatch nodeTypes must include it)`);
  return tf.tensor3d(feature.data, [batch.batchSize, batch.paddedLength, feature.cols]);
}

export function toModelInputs(batch: PaddedBatch): ModelInputs {
  const B = batch.batchSize;
  const L = batch.paddedLength;
  const scaled = new Float32Array(batch.contactDistance.length);
  for (let k = 0; k < scaled.length; k++) scaled[k] = (batch.contactDistance[k] ?? 0) / EDGE_DISTANCE_SCALE_ANGSTROM;
  const fourier = tf.tidy(() =>
    tf.concat([perResidue(batch, 'fourier1dr'), perResidue(batch, 'fourier1di')], 2),
  ) as tf.Tensor3D;
  return {
    batchSize: B,
    length: L,
    res: perResidue(batch, 'res'),
    positions: perResidue(batch, 'positions'),
    fourier,
    aminoAcids: perResidue(batch, 'AA'),
    mask: tf.tensor2d(batch.residueMask, [B, L]),
    neighbours: tf.tensor3d(Float32Array.from(batch.contactMask), [B, L, L]),
    edgeFeature: tf.tensor3d(scaled, [B, L, L]),
  };
}

export function disposeModelInputs(inputs: ModelInputs): void {
  tf.dispose([
    inputs.res,
    inputs.positions,
    inputs.fourier,
    inputs.aminoAcids,
    inputs.mask,
    inputs.neighbours,
    inputs.edgeFeature,
  ]);
}
