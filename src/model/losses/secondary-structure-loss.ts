/** FoldTree2's "ss" term: secondary-structure cross-entropy over confident residues. */
import * as tf from '@tensorflow/tfjs';
import { assertShape, keepWhere, maskedMean } from './masked-mean';
import { softCrossEntropy } from './soft-cross-entropy';

/**
 * Mean over masked-in residues of the softmax cross-entropy between `logits` [B, L, 3] (real logits, classes
 * loop/helix/strand) and the one-hot `target` [B, L, 3]; no smoothing. `mask` [B, L] = `LossTargets.ssMask`
 * (real, confident, labelled). 0 when the mask is empty (FoldTree2 REF gave NaN there).
 */
export function secondaryStructureLoss(
  logits: tf.Tensor,
  target: tf.Tensor,
  mask: tf.Tensor,
  denominator?: number,
): tf.Scalar {
  assertShape(logits, target.shape, 'secondary-structure logits');
  return tf.tidy(() =>
    maskedMean(softCrossEntropy(keepWhere(logits, tf.expandDims(mask, -1), 0), target), mask, denominator),
  );
}
