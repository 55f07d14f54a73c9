/** The parameters of one graph attention layer (`graph-attention.ts`, PyG `TransformerConv`). */
import { linearSpecs } from '../layers/linear-specs';
import type { ParameterSpec } from '../params/parameter-spec';

/**
 * `name.{query,key,value}.{weight (in, H·out), bias (H·out)}`, `name.edge.weight` (1, H·out, no bias) and
 * `name.skip.{weight (in, out), bias (out)}`, initialised like PyG's Linear (U(±1/√fan_in), fan_in = 1 for the edge).
 */
export function graphAttentionSpecs(name: string, inDim: number, outDim: number, heads: number): ParameterSpec[] {
  const width = heads * outDim;
  return [
    ...linearSpecs(`${name}.query`, inDim, width),
    ...linearSpecs(`${name}.key`, inDim, width),
    ...linearSpecs(`${name}.value`, inDim, width),
    ...linearSpecs(`${name}.edge`, 1, width, false),
    ...linearSpecs(`${name}.skip`, inDim, outDim),
  ];
}
