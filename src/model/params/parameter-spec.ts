/**
 * What a parameter is before it exists: a stable dotted name, a shape and an initializer. Models are built from
 * a list of these, so names, counts and the mapping to FoldTree2's PyTorch names are data, not code paths.
 *
 * Naming: `encoder.{input,body,head}.…`, `decoder.<name>.{input,body,head}.…`, `quantizer.…`. Linear weights are
 * stored (in, out), the transpose of PyTorch's (out, in).
 */
export type Initializer =
  | { readonly kind: 'zeros' }
  | { readonly kind: 'ones' }
  | { readonly kind: 'constant'; readonly value: number }
  /** U(−limit, limit); PyTorch's default for Linear/Conv1d weights and biases is limit = 1/√fan_in. */
  | { readonly kind: 'uniform'; readonly limit: number }
  | { readonly kind: 'normal'; readonly std: number };

export interface ParameterSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly init: Initializer;
}

/** Number of scalars in a spec list. */
export function parameterCount(specs: readonly ParameterSpec[]): number {
  return specs.reduce((sum, spec) => sum + spec.shape.reduce((a, b) => a * b, 1), 0);
}

/** Throws on a duplicate name: every parameter must be addressable by its name alone. */
export function assertUniqueNames(specs: readonly ParameterSpec[]): void {
  const seen = new Set<string>();
  for (const spec of specs) {
    if (seen.has(spec.name)) throw new Error(`parameter name ${spec.name} is defined twice`);
    seen.add(spec.name);
  }
}
