/** Tensor helpers shared by the optimizers: state variables they own, shape checks, PyTorch-exact lerp. */
import * as tf from '@tensorflow/tfjs';

/** A non-trainable float32 variable of zeros (non-trainable so `tf.variableGrads()` never differentiates it). */
export function zeroStateVariable(shape: readonly number[]): tf.Variable {
  const zeros = tf.zeros([...shape], 'float32');
  const variable = tf.variable(zeros, false);
  zeros.dispose();
  return variable;
}

/** Throws naming the parameter when a gradient does not fit its variable (a wrong map is a bug, not a no-op). */
export function assertSameShape(name: string, grad: tf.Tensor, variable: tf.Variable): void {
  if (grad.shape.length !== variable.shape.length || grad.shape.some((d, k) => d !== variable.shape[k])) {
    throw new Error(
      `gradient of ${name} has shape [${grad.shape.join(', ')}], the parameter [${variable.shape.join(', ')}]`,
    );
  }
}

/**
 * a + w·(b − a), evaluated the way PyTorch's `lerp` does (from the nearer end: for w ≥ 0.5 it computes
 * b − (b − a)·(1 − w)), so the float32 rounding matches `torch.lerp` too.
 */
export function lerp(a: tf.Tensor, b: tf.Tensor, weight: number): tf.Tensor {
  return weight < 0.5 ? tf.add(a, tf.mul(tf.sub(b, a), weight)) : tf.sub(b, tf.mul(tf.sub(b, a), 1 - weight));
}
