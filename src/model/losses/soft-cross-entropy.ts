/** Softmax cross-entropy against probability (one-hot) targets, with PyTorch's label smoothing. */
import * as tf from '@tensorflow/tfjs';

/**
 * Per row: −Σ_k q_k · log softmax(logits)_k with q = (1 − ε)·target + ε/K, K the last axis. For one-hot
 * targets this is PyTorch `CrossEntropyLoss(label_smoothing=ε, reduction='none')`:
 * (1 − ε)·(−log p_y) + (ε/K)·Σ_k (−log p_k). `logits`, `target`: [..., K] float32 → [...].
 */
export function softCrossEntropy(logits: tf.Tensor, target: tf.Tensor, labelSmoothing = 0): tf.Tensor {
  if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
    throw new RangeError(`label smoothing must be in [0, 1], got ${labelSmoothing}`);
  return tf.tidy(() => {
    const classes = logits.shape[logits.shape.length - 1] ?? 1;
    const logProbabilities = tf.logSoftmax(logits);
    const q = labelSmoothing === 0 ? target : tf.add(tf.mul(target, 1 - labelSmoothing), labelSmoothing / classes);
    return tf.neg(tf.sum(tf.mul(q, logProbabilities), -1));
  });
}
