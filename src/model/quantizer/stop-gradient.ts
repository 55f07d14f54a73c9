/**
 * PyTorch's `.detach()` / TensorFlow's `stop_gradient`, which tfjs lacks: the value passes through unchanged and
 * the gradient flowing back is exactly zero. Built on `tf.customGrad`, so it is one tape node on every backend.
 */
import * as tf from '@tensorflow/tfjs';

// The forward returns a clone, not `x` itself: a tape node whose output is its own input would loop.
const stopGradientOp = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x = args[0] as tf.Tensor;
  return { value: tf.clone(x), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
});

/** `x` as a value cut off from the tape: same shape, dtype and values, zero gradient to everything upstream. */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return stopGradientOp(x) as T;
}
