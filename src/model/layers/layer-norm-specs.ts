/** The parameters of a layer normalisation (`layer-norm.ts`): PyTorch `nn.LayerNorm`'s affine weight and bias. */
import type { ParameterSpec } from '../params/parameter-spec';

/** `name.weight` (dim) = 1 and `name.bias` (dim) = 0. */
export function layerNormSpecs(name: string, dim: number): ParameterSpec[] {
  return [
    { name: `${name}.weight`, shape: [dim], init: { kind: 'ones' } },
    { name: `${name}.bias`, shape: [dim], init: { kind: 'zeros' } },
  ];
}
