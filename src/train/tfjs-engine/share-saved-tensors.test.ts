/**
 * Saving tensors for backprop by reference leaves every gradient as it was (checked against gradients derived by
 * hand), launches no Identity kernel, and frees every saved buffer once the gradients are taken — on the CPU and
 * WebAssembly backends.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, test } from 'vitest';
import { registerWasmKernels } from '../wasm-kernels/register-wasm-kernels';
import { shareSavedTensors } from './share-saved-tensors';

registerWasmKernels();
afterAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(['cpu', 'wasm'])('saved tensors on the %s backend', (backend) => {
  test('d/dx Σ sin(x)·x² and d/dw of x·w are the hand-derived ones, with no Identity kernel and no tensor left', async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    expect(shareSavedTensors()).toBe(true);
    const xValues = [0.3, -1.2, 2.5, 0.7];
    const wValues = [1.5, -0.5, 0.25, 2];
    const x = tf.tensor1d(xValues);
    const w = tf.tensor1d(wValues);
    const before = tf.memory().numTensors;
    const bytesBefore = tf.memory().numBytes;
    let grads: tf.Tensor[] = [];
    const profile = await tf.profile(() => {
      grads = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.add(tf.mul(tf.sin(a), tf.square(a)), tf.mul(a, b))))([
        x,
        w,
      ]);
    });
    const [dx, dw] = await Promise.all(grads.map((g) => g.data()));
    tf.dispose(grads);
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.memory().numBytes).toBe(bytesBefore);
    expect(profile.kernels.map((k) => k.name)).not.toContain('Identity');
    xValues.forEach((v, i) => {
      // d/dx [sin(x) x² + x w] = cos(x) x² + 2 x sin(x) + w;  d/dw = x
      expect(dx?.[i]).toBeCloseTo(Math.cos(v) * v * v + 2 * v * Math.sin(v) + (wValues[i] ?? NaN), 5);
      expect(dw?.[i]).toBeCloseTo(v, 6);
    });
    tf.dispose([x, w]);
  });
});
