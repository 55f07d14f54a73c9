/** The parameters of a length-keeping Conv1d (`masked-conv1d.ts`), in tfjs's filter layout [k, in, out]. */
import type { ParameterSpec } from '../params/parameter-spec';

/** `name.weight` [k, in, out] and `name.bias` [out], U(±1/√(in·k)) like PyTorch's Conv1d default. */
export function conv1dSpecs(name: string, inChannels: number, outChannels: number, kernel: number): ParameterSpec[] {
  if (kernel % 2 !== 1) throw new Error(`${name}: only odd kernels keep the length with padding k // 2`);
  const limit = 1 / Math.sqrt(inChannels * kernel);
  return [
    { name: `${name}.weight`, shape: [kernel, inChannels, outChannels], init: { kind: 'uniform', limit } },
    { name: `${name}.bias`, shape: [outChannels], init: { kind: 'uniform', limit } },
  ];
}
