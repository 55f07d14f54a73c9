/** The parameters of the per-protein GraphNorm (`per-protein-norm.ts`). */
import type { ParameterSpec } from '../params/parameter-spec';

/** PyG's parameter names and initial values: `weight` γ = 1, `bias` β = 0, `mean_scale` α = 1, each (dim). */
export function perProteinNormSpecs(name: string, dim: number): ParameterSpec[] {
  return [
    { name: `${name}.weight`, shape: [dim], init: { kind: 'ones' } },
    { name: `${name}.bias`, shape: [dim], init: { kind: 'zeros' } },
    { name: `${name}.mean_scale`, shape: [dim], init: { kind: 'ones' } },
  ];
}
