/**
 * The registry of decoder-driven loss terms: one entry per `LossName` except `vq` (the quantizer's own loss,
 * passed through). Each entry returns its raw scalar, or null when the decoder output it needs is absent.
 */
import type * as tf from '@tensorflow/tfjs';
import { aminoAcidLoss } from './amino-acid-loss';
import { angleLoss, angleLossFromVectors } from './angle-loss';
import { distanceLogitLoss } from './distance-logit-loss';
import { edgeLoss, type PairDenominators } from './edge-loss';
import { fft2Loss } from './fft2-loss';
import type { LossName } from './loss-config';
import type { LossPredictions } from './loss-predictions';
import type { LossTargets } from './loss-targets';
import { secondaryStructureLoss } from './secondary-structure-loss';

/** Options of the terms themselves (the masks live in the targets). */
export interface LossTermOptions {
  /** PyTorch label smoothing ε of the amino-acid term; 0 = none. */
  readonly labelSmoothing: number;
}

function pairDenominators(t: LossTargets): PairDenominators | undefined {
  return t.normalizers ? { positive: t.normalizers.positivePairs, negative: t.normalizers.negativePairs } : undefined;
}

export type LossTerm = (outputs: LossPredictions, targets: LossTargets, options: LossTermOptions) => tf.Scalar | null;

export const LOSS_TERMS: Readonly<Record<Exclude<LossName, 'vq'>, LossTerm>> = {
  aminoAcid: (o, t, opt) =>
    o.aminoAcidLogits
      ? aminoAcidLoss(o.aminoAcidLogits, t.aminoAcids, t.aminoAcidMask, opt.labelSmoothing, t.normalizers?.aminoAcid)
      : null,
  edge: (o, t) =>
    o.contactProbability ? edgeLoss(o.contactProbability, t.positivePairs, t.negativePairs, pairDenominators(t)) : null,
  logit: (o, t) => (o.distanceLogits ? distanceLogitLoss(o.distanceLogits, t.pairs, pairDenominators(t)) : null),
  // The vectors are preferred when both exist: masking them before atan2 keeps padding (where a decoder's vectors
  // may be zero and atan2's gradient 0/0) off the gradient path; the value is the same for unit vectors.
  angles: (o, t) => {
    if (o.angleVectors)
      return angleLossFromVectors(o.angleVectors, t.angles, t.angleMask, undefined, t.normalizers?.angles);
    return o.angles ? angleLoss(o.angles, t.angles, t.angleMask, undefined, t.normalizers?.angles) : null;
  },
  ss: (o, t) =>
    o.ssLogits ? secondaryStructureLoss(o.ssLogits, t.secondaryStructure, t.ssMask, t.normalizers?.ss) : null,
  fft2: (o, t) => {
    if (!o.fft2) return null;
    if (t.fft2 === undefined)
      throw new Error(
        'the fft2 head is on but the batch has no fourier2dr/fourier2di (add them to padBatch nodeTypes)',
      );
    return fft2Loss(o.fft2, t.fft2);
  },
};
