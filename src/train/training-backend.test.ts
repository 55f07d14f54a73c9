/** `training.backend` choices that need no browser: the CPU backend, and WebGPU refused without an adapter. */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, test } from 'vitest';
import { prepareTrainingBackend } from './training-backend';

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** A `navigator.gpu` that answers like a browser whose GPU is blocked: no adapter. */
const gpuWithoutAdapter = { requestAdapter: () => Promise.resolve(null) } as unknown as GPU;

describe('prepareTrainingBackend', () => {
  test('cpu activates the CPU backend even where a GPU object exists, with no fallback notice', async () => {
    const prepared = await prepareTrainingBackend(gpuWithoutAdapter, false, 'cpu');
    expect(prepared).toStrictEqual({ backend: 'cpu', features: [] });
    expect(tf.getBackend()).toBe('cpu');
  });

  test('webgpu refuses to fall back, saying why', async () => {
    await expect(prepareTrainingBackend(undefined, false, 'webgpu')).rejects.toThrow('training.backend is webgpu, but WebGPU is not available in this browser; choose auto, wasm or cpu');
    await expect(prepareTrainingBackend(gpuWithoutAdapter, true, 'webgpu')).rejects.toThrow('training.backend is webgpu, but the browser found no WebGPU adapter');
  });
});
