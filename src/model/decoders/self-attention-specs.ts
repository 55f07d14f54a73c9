/** The parameters of multi-head self-attention (`masked-self-attention.ts`, PyTorch `nn.MultiheadAttention`). */
import type { ParameterSpec } from '../params/parameter-spec';

/**
 * `name.inProjection.{weight [dim, 3·dim], bias [3·dim]}` (columns q, then k, then v) and
 * `name.outProjection.{weight [dim, dim], bias [dim]}`, initialised as PyTorch does: Xavier-uniform over the packed
 * (3·dim, dim) matrix, zero biases, the output weight U(±1/√dim).
 */
export function selfAttentionSpecs(name: string, dim: number): ParameterSpec[] {
  const xavier = Math.sqrt(6 / (dim + 3 * dim));
  return [
    { name: `${name}.inProjection.weight`, shape: [dim, 3 * dim], init: { kind: 'uniform', limit: xavier } },
    { name: `${name}.inProjection.bias`, shape: [3 * dim], init: { kind: 'zeros' } },
    { name: `${name}.outProjection.weight`, shape: [dim, dim], init: { kind: 'uniform', limit: 1 / Math.sqrt(dim) } },
    { name: `${name}.outProjection.bias`, shape: [dim], init: { kind: 'zeros' } },
  ];
}
