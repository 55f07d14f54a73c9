/** Test helpers for the decoders (Node only): seeded tensors, masks, and the NumPy reference runner. */
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParameterSet } from '../params/parameter-set';
import type { ParameterSpec } from '../params/parameter-spec';
import type { DecoderContext, PairRows } from './decoder-types';
import { runPythonJson } from '../../shared/python-reference.node';

const SCRIPT = fileURLToPath(new URL('./decoders_reference.py', import.meta.url));

export interface NamedArray {
  readonly shape: number[];
  readonly data: number[];
}

/** Runs decoders_reference.py on `request` (written to a temp JSON file) and parses its JSON answer. */
export function runNumpyReference<T>(request: object): T {
  const dir = mkdtempSync(join(tmpdir(), 'decoders-'));
  try {
    const file = join(dir, 'request.json');
    writeFileSync(file, JSON.stringify(request));
    return runPythonJson<T>({ file: SCRIPT }, { args: [file] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Parameters in PyTorch's layout, keyed by our names: Linear weights (in, out) → (out, in) (the attention
 * in-projection (h, 3h) becomes in_proj_weight (3h, h) this way), Conv1d [k, in, out] → (out, in, k).
 */
export function torchLayout(params: ParameterSet): Record<string, NamedArray> {
  const out: Record<string, NamedArray> = {};
  for (const name of params.names()) {
    const value = params.get(name);
    const perm = value.rank === 2 ? [1, 0] : value.rank === 3 ? [2, 1, 0] : null;
    const torch = perm ? tf.transpose(value, perm) : value;
    out[name] = { shape: torch.shape, data: Array.from(torch.dataSync()) };
    if (torch !== value) torch.dispose();
  }
  return out;
}

/** Every initializer replaced by U(±limit), so biases, LayerNorm gains, τ and b are non-trivial in checks. */
export function randomizedSpecs(specs: readonly ParameterSpec[], limit = 0.5): ParameterSpec[] {
  return specs.map((spec) => ({ ...spec, init: { kind: 'uniform', limit } }));
}

/** Deterministic U(−scale, scale) values. */
export function seededTensor(shape: number[], seed: number, scale = 1): tf.Tensor {
  return tf.randomUniform(shape, -scale, scale, 'float32', seed);
}

/** [B, L] mask with rows i < lengths[b] real. */
export function maskFromLengths(lengths: readonly number[], length: number): tf.Tensor2D {
  const data = new Float32Array(lengths.length * length);
  lengths.forEach((n, b) => data.fill(1, b * length, b * length + n));
  return tf.tensor2d(data, [lengths.length, length]);
}

/** x with its padding rows (mask 0) replaced by large seeded random values; real rows unchanged. */
export function withNoisyPadding<T extends tf.Tensor>(x: T, mask: tf.Tensor2D, seed: number): T {
  return tf.tidy(() => {
    const rows = tf.reshape(mask, [...mask.shape, ...x.shape.slice(2).map(() => 1)]);
    const noise = tf.randomUniform(x.shape, -50, 50, 'float32', seed);
    return tf.add(tf.mul(x, rows), tf.mul(noise, tf.sub(1, rows))) as T;
  });
}

export function testContext(
  mask: tf.Tensor2D,
  positions: tf.Tensor3D,
  overrides: Partial<DecoderContext> = {},
): DecoderContext {
  return { mask, positions, training: false, seed: 11, step: 0, ...overrides };
}

/** Largest |a − b| over the whole array divided by the largest |b| (a norm-wise relative error). */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let k = 0; k < expected.length; k++) {
    diff = Math.max(diff, Math.abs((actual[k] ?? NaN) - (expected[k] ?? NaN)));
    scale = Math.max(scale, Math.abs(expected[k] ?? 0));
  }
  return diff / Math.max(scale, 1e-12);
}

/** Every ordered pair (i, j), i ≠ j, of real residues of each protein, as rows b·L + i, b·L + j (caller disposes). */
export function realPairs(lengths: readonly number[], length: number): PairRows {
  const first: number[] = [];
  const second: number[] = [];
  lengths.forEach((n, b) => {
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) if (i !== j) first.push(b * length + i) && second.push(b * length + j);
  });
  return { first: tf.tensor1d(first, 'int32'), second: tf.tensor1d(second, 'int32') };
}

/** [P, K] values of `realPairs(lengths, length)` spread into [B, L, L, K], zero at the pairs not listed. */
export function densePairValues(
  values: ArrayLike<number>,
  lengths: readonly number[],
  length: number,
  K: number,
): Float32Array {
  const dense = new Float32Array(lengths.length * length * length * K);
  let p = 0;
  lengths.forEach((n, b) => {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        for (let k = 0; k < K; k++) dense[((b * length + i) * length + j) * K + k] = values[p * K + k] ?? NaN;
        p++;
      }
    }
  });
  return dense;
}
