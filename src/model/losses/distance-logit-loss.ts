/** FoldTree2's "logit" term: distance-class (distogram) cross-entropy on positive and negative pairs. */
import * as tf from '@tensorflow/tfjs';
import type { PairDenominators } from './edge-loss';
import { assertShape, maskedMean } from './masked-mean';
import type { ScoredPairs } from './scored-pairs';
import { softCrossEntropy } from './soft-cross-entropy';

/**
 * Mean CE over the positive pairs + mean CE over the negative pairs, between `logits` [P, K] (real logits: our
 * head has no final sigmoid, unlike FoldTree2's, §7.12), one row per pair of `pairs`, and the class of each pair's
 * CA–CA distance (`pairs.classes`). Each half is 0 when its list is empty. This is the mean over the same pairs as
 * FoldTree2's (and as the dense [B, L, L] masks of the edge term): only the layout differs.
 */
export function distanceLogitLoss(
  logits: tf.Tensor,
  pairs: Pick<ScoredPairs, 'classes' | 'positive' | 'negative' | 'count'>,
  denominators?: PairDenominators,
): tf.Scalar {
  const K = logits.shape[logits.shape.length - 1] ?? 0;
  assertShape(logits, [pairs.count, K], 'distance logits');
  return tf.tidy(() => {
    const ce = softCrossEntropy(logits, tf.oneHot(pairs.classes, K, 1, 0, 'float32'));
    return tf.add(
      maskedMean(ce, pairs.positive, denominators?.positive),
      maskedMean(ce, pairs.negative, denominators?.negative),
    );
  });
}
