/** A stack of Linear layers with an activation after each (or after all but the last); shape: `mlp-specs.ts`. */
import type * as tf from '@tensorflow/tfjs';
import type { ParameterSet } from '../params/parameter-set';
import { ACTIVATIONS } from './activations';
import { linear } from './linear';
import type { MlpShape } from './mlp-specs';

export function mlp(params: ParameterSet, name: string, shape: MlpShape, x: tf.Tensor): tf.Tensor {
  const layers = shape.widths.length - 1;
  let y = x;
  for (let k = 0; k < layers; k++) {
    y = linear(params, `${name}.${k}`, y);
    const last = k === layers - 1;
    if (!last) y = ACTIVATIONS[shape.activation](y);
    else if (shape.lastActivation) y = ACTIVATIONS[shape.lastActivation](y);
    else if (shape.activateLast ?? true) y = ACTIVATIONS[shape.activation](y);
  }
  return y;
}
