/** The parameters of a fully connected layer (`linear.ts`), PyTorch `nn.Linear`'s initialisation. */
import type { ParameterSpec } from '../params/parameter-spec';

/** `name.weight` (in, out) and `name.bias` (out), both U(−1/√in, 1/√in) like PyTorch. */
export function linearSpecs(name: string, inDim: number, outDim: number, bias = true): ParameterSpec[] {
  const limit = 1 / Math.sqrt(inDim);
  const specs: ParameterSpec[] = [{ name: `${name}.weight`, shape: [inDim, outDim], init: { kind: 'uniform', limit } }];
  if (bias) specs.push({ name: `${name}.bias`, shape: [outDim], init: { kind: 'uniform', limit } });
  return specs;
}
