/** A stack of Linear layers with an activation after each (or after all but the last). */
import type * as tf from '@tensorflow/tfjs';
import type { ParameterSet } from '../params/parameter-set';
import type { ParameterSpec } from '../params/parameter-spec';
import { ACTIVATIONS, type ActivationName } from './activations';
import { linear, linearSpecs } from './linear';

export interface MlpShape {
  /** Widths from input to output, e.g. [857, 512, 256]: two Linear layers named `name.0`, `name.1`. */
  readonly widths: readonly number[];
  readonly activation: ActivationName;
  /** Activation after the last layer too (FoldTree2's input MLPs end in GELU); default true. */
  readonly activateLast?: boolean;
  /** Activation after the last layer when it differs (e.g. the encoder's final Tanh). */
  readonly lastActivation?: ActivationName;
}

export function mlpSpecs(name: string, shape: MlpShape): ParameterSpec[] {
  return shape.widths.slice(1).flatMap((out, k) => linearSpecs(`${name}.${k}`, shape.widths[k] ?? 0, out));
}

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
