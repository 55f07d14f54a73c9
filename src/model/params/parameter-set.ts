/**
 * The model's trainable state: one tf.Variable per ParameterSpec, created deterministically from the run's seed
 * (the same values on every backend and every worker), addressed by name. Owns its variables: `dispose()` frees them.
 */
import * as tf from '@tensorflow/tfjs';
import { hashString } from '../../shared/seed-hash';
import { createRng } from '../../shared/seeded-rng';
import { RNG_STREAM } from '../../shared/rng-streams';
import { assertUniqueNames, type Initializer, type ParameterSpec } from './parameter-spec';

/** Initial values of one parameter, drawn from its own seeded stream so adding a parameter moves no other. */
export function initialValues(spec: ParameterSpec, seed: number): Float32Array {
  const size = spec.shape.reduce((a, b) => a * b, 1);
  return fill(new Float32Array(size), spec.init, () =>
    createRng(RNG_STREAM.parameterInit, seed, hashString(spec.name)),
  );
}

function fill(out: Float32Array, init: Initializer, rng: () => ReturnType<typeof createRng>): Float32Array {
  switch (init.kind) {
    case 'zeros':
      return out;
    case 'ones':
      return out.fill(1);
    case 'constant':
      return out.fill(init.value);
    case 'uniform': {
      const r = rng();
      for (let k = 0; k < out.length; k++) out[k] = (2 * r.nextFloat() - 1) * init.limit;
      return out;
    }
    case 'normal': {
      const r = rng();
      for (let k = 0; k < out.length; k += 2) {
        // Box–Muller: two independent normals per pair of uniforms.
        const radius = Math.sqrt(-2 * Math.log(1 - r.nextFloat()));
        const angle = 2 * Math.PI * r.nextFloat();
        out[k] = radius * Math.cos(angle) * init.std;
        if (k + 1 < out.length) out[k + 1] = radius * Math.sin(angle) * init.std;
      }
      return out;
    }
  }
}

/**
 * tfjs variable names are global to the thread. A set's variables carry the spec names when those are free (so
 * `tf.variableGrads` keys are the spec names), and a suffixed name when another live set holds them (a replica).
 */
let nextSetId = 0;

function isRegistered(name: string): boolean {
  return name in tf.engine().registeredVariables;
}

export class ParameterSet {
  private readonly variables = new Map<string, tf.Variable>();

  constructor(
    readonly specs: readonly ParameterSpec[],
    seed: number,
  ) {
    assertUniqueNames(specs);
    const setId = nextSetId++;
    for (const spec of specs) {
      const value = tf.tensor(initialValues(spec, seed), [...spec.shape], 'float32');
      const variableName = isRegistered(spec.name) ? `${spec.name}@set${setId}` : spec.name;
      this.variables.set(spec.name, tf.variable(value, true, variableName));
      value.dispose();
    }
  }

  /** The variable named `name`; throws naming it when the model asks for a parameter it never declared. */
  get(name: string): tf.Variable {
    const variable = this.variables.get(name);
    if (!variable) throw new Error(`no parameter named ${name}`);
    return variable;
  }

  has(name: string): boolean {
    return this.variables.has(name);
  }

  names(): string[] {
    return [...this.variables.keys()];
  }

  /** Variables whose names start with `prefix` (e.g. `encoder.`, `decoder.sequence.`), in declaration order. */
  withPrefix(prefix: string): tf.Variable[] {
    return [...this.variables.entries()].filter(([name]) => name.startsWith(prefix)).map(([, v]) => v);
  }

  /** Re-keys a `tf.variableGrads` result from tfjs variable names to this set's parameter names. */
  gradientsByName(grads: tf.NamedTensorMap): Map<string, tf.Tensor> {
    const byName = new Map<string, tf.Tensor>();
    for (const [name, variable] of this.variables) {
      const grad = grads[variable.name];
      if (grad) byName.set(name, grad);
    }
    return byName;
  }

  all(): tf.Variable[] {
    return [...this.variables.values()];
  }

  dispose(): void {
    for (const variable of this.variables.values()) variable.dispose();
    this.variables.clear();
  }
}
