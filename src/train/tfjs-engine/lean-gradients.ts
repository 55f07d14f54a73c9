/**
 * Gradients of Multiply, RealDiv and Square without the casts tfjs 4.22 adds: its gradient functions cast each
 * saved operand to float32 (`cast(b, 'float32')`) although the model's operands already are float32, and every such
 * cast is a kernel launch and a copy (about 150 per teaching step). Same formulas, same broadcasting reductions;
 * an operand of another dtype is still cast.
 */
import * as tf from '@tensorflow/tfjs';

const asFloat = (t: tf.Tensor): tf.Tensor => (t.dtype === 'float32' ? t : tf.cast(t, 'float32'));

/** Sums a broadcast gradient back to `shape`. */
function reduceTo(gradient: tf.Tensor, shape: readonly number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes(shape as number[], gradient.shape);
  return axes.length > 0 ? tf.reshape(tf.sum(gradient, axes), shape as number[]) : gradient;
}

const LEAN_GRADIENTS: tf.GradConfig[] = [
  {
    kernelName: tf.Multiply,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b] = saved as [tf.Tensor, tf.Tensor];
      return {
        a: () => reduceTo(tf.mul(dy as tf.Tensor, asFloat(b)), a.shape),
        b: () => reduceTo(tf.mul(dy as tf.Tensor, asFloat(a)), b.shape),
      };
    },
  },
  {
    kernelName: tf.RealDiv,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b] = saved as [tf.Tensor, tf.Tensor];
      return {
        a: () => reduceTo(tf.div(dy as tf.Tensor, asFloat(b)), a.shape),
        b: () => reduceTo(tf.neg(tf.div(tf.mul(dy as tf.Tensor, asFloat(a)), tf.square(asFloat(b)))), b.shape),
      };
    },
  },
  {
    kernelName: tf.Square,
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => {
      const [x] = saved as [tf.Tensor];
      return { x: () => tf.mul(dy as tf.Tensor, tf.mul(asFloat(x), 2)) };
    },
  },
];

let registered = false;

/** Registers the gradients above in place of tfjs's (once). */
export function registerLeanGradients(): void {
  if (registered) return;
  registered = true;
  for (const config of LEAN_GRADIENTS) tf.registerGradient(config);
}
