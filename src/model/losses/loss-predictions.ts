/**
 * The decoder outputs the loss terms read, as a local structural type so this folder does not depend on the
 * decoders' module: any object with these optional fields (the decoders' `DecoderOutputs`) fits.
 */
import type * as tf from '@tensorflow/tfjs';

export interface LossPredictions {
  /** [B, L, 20] real logits over `ARNDCQEGHILKMFPSTWYV`. */
  readonly aminoAcidLogits?: tf.Tensor | undefined;
  /** [B, L, 3] real logits over [loop, helix, strand]. */
  readonly ssLogits?: tf.Tensor | undefined;
  /** [B, L, 6] unit (sin, cos) pairs of phi, psi, omega; the angle term prefers these over `angles`. */
  readonly angleVectors?: tf.Tensor | undefined;
  /** [B, L, 3] phi, psi, omega in radians; read only when `angleVectors` is absent. */
  readonly angles?: tf.Tensor | undefined;
  /** [B, L, L] contact probability in [1e-6, 1 − 1e-6], every pair. */
  readonly contactProbability?: tf.Tensor | undefined;
  /** [P, K] real logits over the K distance classes, one row per scored pair (`LossTargets.pairs`). */
  readonly distanceLogits?: tf.Tensor | undefined;
  /** [B, 2600] predicted fourier2dr ‖ fourier2di. */
  readonly fft2?: tf.Tensor | undefined;
}
