/**
 * Test helper: runs `optimizers_reference.py` (NumPy, PyTorch layouts) with Debian's /usr/bin/python3 and returns
 * its JSON, plus the layout conversions between our parameters and PyTorch's. Node only.
 */
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { runPython } from '../../shared/python-reference.node';

export interface ReferenceCase {
  readonly id: string;
  readonly optimizer: 'adamw' | 'muon';
  /** PyTorch layout: (out, in) for Linear, (out, in, k) for Conv1d. */
  readonly shape: readonly number[];
  readonly param: number[];
  /** One gradient per step in PyTorch layout; null = no gradient this step. */
  readonly grads: (number[] | null)[];
  readonly lrs: number[];
  readonly hyper: Record<string, number | boolean>;
  readonly conv_mode?: 'flatten' | 'per-output-channel';
}

export interface NewtonSchulzItem {
  readonly id: string;
  readonly shape: readonly number[];
  readonly values: number[];
  /** Our output, whose singular values the script returns. */
  readonly ours?: number[];
}

export interface ReferenceResult {
  readonly cases: Record<string, number[][]>;
  readonly newton_schulz: Record<string, { output: number[]; singular_values: number[] }>;
}

export function runReference(request: {
  cases?: ReferenceCase[];
  newton_schulz?: NewtonSchulzItem[];
}): ReferenceResult {
  const script = fileURLToPath(new URL('./optimizers_reference.py', import.meta.url));
  const stdout = runPython({ file: script }, { input: JSON.stringify(request) });
  return JSON.parse(stdout) as ReferenceResult;
}

/** Our layout → PyTorch's, flat: (in, out) → (out, in); [k, in, out] → (out, in, k); 1-D unchanged. */
export function toTorchLayout(values: Float32Array | number[], shape: readonly number[]): number[] {
  return tf.tidy(() => {
    const t = tf.tensor(Array.from(values), [...shape], 'float32');
    const perm = shape.length === 2 ? [1, 0] : shape.length === 3 ? [2, 1, 0] : [0];
    return Array.from(tf.transpose(t, perm).dataSync());
  });
}

/** PyTorch's shape of a parameter of our `shape`. */
export function torchShape(shape: readonly number[]): number[] {
  return shape.length === 1 ? [...shape] : [...shape].reverse();
}

/** Uniform values in [−scale, scale) from a seeded sfc32 stream. */
export function seededValues(rng: { nextFloat(): number }, size: number, scale = 1): number[] {
  return Array.from({ length: size }, () => (2 * rng.nextFloat() - 1) * scale);
}
