/** FoldTree2's "x" term: amino-acid reconstruction cross-entropy. */
import * as tf from '@tensorflow/tfjs';
import { assertShape, keepWhere, maskedMean } from './masked-mean';
import { softCrossEntropy } from './soft-cross-entropy';

/**
 * Mean over masked-in residues of the softmax cross-entropy between `logits` [B, L, 20] (real logits) and the
 * one-hot `target` [B, L, 20], with PyTorch label smoothing ε. `mask` [B, L]: real, labelled residues
 * (`LossTargets.aminoAcidMask`); not pLDDT-masked, as in FoldTree2. 0 when the mask is empty.
 */
export function aminoAcidLoss(
  logits: tf.Tensor,
  target: tf.Tensor,
  mask: tf.Tensor,
  labelSmoothing = 0,
  denominator?: number,
): tf.Scalar {
  assertShape(logits, target.shape, 'amino-acid logits');
  return tf.tidy(() => {
    const kept = keepWhere(logits, tf.expandDims(mask, -1), 0);
    return maskedMean(softCrossEntropy(kept, target, labelSmoothing), mask, denominator);
  });
}
