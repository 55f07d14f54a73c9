/** The shape of a stack of Linear layers (`mlp.ts`) and its parameters. */
import type { ParameterSpec } from '../params/parameter-spec';
import { linearSpecs } from './linear-specs';

/** The activations an MLP may name (`activations.ts` implements each). */
export type ActivationName = 'gelu' | 'relu' | 'silu' | 'tanh' | 'identity';

export interface MlpShape {
  /** Widths from input to output, e.g. [857, 512, 256]: two Linear layers named `name.0`, `name.1`. */
  readonly widths: readonly number[];
  readonly activation: ActivationName;
  /** Activation after the last layer too (FoldTree2's input MLPs end in GELU); default true. */
  readonly activateLast?: boolean;
  /** Activation after the last layer when it differs (e.g. the encoder's final Tanh). */
  readonly lastActivation?: ActivationName;
}

/** `name.<k>.{weight,bias}` for each consecutive pair of widths. */
export function mlpSpecs(name: string, shape: MlpShape): ParameterSpec[] {
  return shape.widths.slice(1).flatMap((out, k) => linearSpecs(`${name}.${k}`, shape.widths[k] ?? 0, out));
}
