/**
 * Test helpers for the encoder: seeded random test values and a central finite-difference check of the gradient
 * of a scalar loss with respect to one parameter of a ParameterSet (the shared helpers in src/model/testing
 * differentiate with respect to an input tensor; parameters are tf.Variables and need assign / variableGrads).
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../shared/seeded-rng';
import type { ParameterSet } from '../params/parameter-set';
import { maxRelativeError, probeIndices } from '../testing/finite-difference.node';

/** `size` values U(−scale, scale) from a seeded stream (test-only key 9000 + salt). */
export function randomValues(size: number, salt: number, scale = 1): Float32Array {
  const rng = createRng(9000, salt);
  return Float32Array.from({ length: size }, () => (2 * rng.nextFloat() - 1) * scale);
}

/** Overwrites every parameter with U(−scale, scale), so gains, biases and mean scales are far from their 1/0 init. */
export function randomiseParameters(params: ParameterSet, salt: number, scale = 0.5): void {
  params.names().forEach((name, k) => {
    const variable = params.get(name);
    const value = tf.tensor(randomValues(variable.size, salt * 1000 + k, scale), variable.shape);
    variable.assign(value);
    value.dispose();
  });
}

export interface GradientComparison {
  readonly analytic: number[];
  readonly numeric: number[];
  readonly error: number;
}

/** d loss / d params[name] at probed entries: tf.variableGrads against (loss(w + h) − loss(w − h)) / 2h. */
export function parameterGradientCheck(
  params: ParameterSet,
  name: string,
  loss: () => tf.Scalar,
  count = 6,
  step = 1e-2,
): GradientComparison {
  const variable = params.get(name);
  const indices = probeIndices(variable.size, count);
  const { value, grads } = tf.variableGrads(loss, [variable]);
  const gradient = grads[variable.name];
  const all = gradient ? gradient.dataSync().slice() : new Float32Array(variable.size);
  tf.dispose([value, ...Object.values(grads)]);
  const analytic = indices.map((k) => all[k] ?? NaN);

  const base = variable.dataSync().slice();
  const evaluate = (k: number, delta: number): number => {
    const probe = base.slice();
    probe[k] = (base[k] ?? 0) + delta;
    const t = tf.tensor(probe, variable.shape);
    variable.assign(t);
    t.dispose();
    return tf.tidy(() => loss().dataSync()[0] ?? NaN);
  };
  const numeric = indices.map((k) => (evaluate(k, step) - evaluate(k, -step)) / (2 * step));
  const restored = tf.tensor(base, variable.shape);
  variable.assign(restored);
  restored.dispose();
  return { analytic, numeric, error: maxRelativeError(analytic, numeric) };
}

/** A tensor's values as plain numbers with −0 written as 0 (masked entries may be either), then disposes it. */
export function takeValues(t: tf.Tensor): number[] {
  const values = Array.from(t.dataSync(), (v) => v + 0);
  t.dispose();
  return values;
}
