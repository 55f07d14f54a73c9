/** FoldTree2's "logit" term: distance-class (distogram) cross-entropy on positive and negative pairs. */
import * as tf from '@tensorflow/tfjs';
import { assertShape, keepWhere, maskedMean } from './masked-mean';
import type { PairDenominators } from './edge-loss';
import { softCrossEntropy } from './soft-cross-entropy';

/**
 * Mean CE over positive pairs + mean CE over negative pairs, between `logits` [B, L, L, K] (real logits: our
 * head has no final sigmoid, unlike FoldTree2's, §7.12) and the class of each pair's CA–CA distance
 * (`classes` [B, L, L] int32, `LossTargets.distanceClasses`). `positive`, `negative` [B, L, L] pair masks.
 * Each half is 0 when its mask is empty. The one-hot [B, L, L, K] is built on the device, inside the tidy.
 */
export function distanceLogitLoss(logits: tf.Tensor, classes: tf.Tensor, positive: tf.Tensor, negative: tf.Tensor, denominators?: PairDenominators): tf.Scalar {
  const K = logits.shape[logits.shape.length - 1] ?? 0;
  assertShape(logits, [...classes.shape, K], 'distance logits');
  assertShape(positive, classes.shape, 'positive pair mask');
  return tf.tidy(() => {
    const used = tf.maximum(positive, negative);
    const ce = softCrossEntropy(keepWhere(logits, tf.expandDims(used, -1), 0), tf.oneHot(tf.cast(classes, 'int32'), K));
    return tf.add(maskedMean(ce, positive, denominators?.positive), maskedMean(ce, negative, denominators?.negative));
  });
}
