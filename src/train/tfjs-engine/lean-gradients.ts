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

/** Unreduced gradient of one input of a binary op from dy and both saved operands. */
type BinaryPartial = (dy: tf.Tensor, a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/** A binary op's gradient: each input's partial, summed back over the axes that input was broadcast along. */
function binaryGradient(kernelName: string, partialA: BinaryPartial, partialB: BinaryPartial): tf.GradConfig {
  return {
    kernelName,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b] = saved as [tf.Tensor, tf.Tensor];
      return {
        a: () => reduceTo(partialA(dy as tf.Tensor, a, b), a.shape),
        b: () => reduceTo(partialB(dy as tf.Tensor, a, b), b.shape),
      };
    },
  };
}

const LEAN_GRADIENTS: tf.GradConfig[] = [
  binaryGradient(
    tf.Multiply,
    (dy, _a, b) => tf.mul(dy, asFloat(b)),
    (dy, a) => tf.mul(dy, asFloat(a)),
  ),
  binaryGradient(
    tf.RealDiv,
    (dy, _a, b) => tf.div(dy, asFloat(b)),
    (dy, a, b) => tf.neg(tf.div(tf.mul(dy, asFloat(a)), tf.square(asFloat(b)))),
  ),
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
