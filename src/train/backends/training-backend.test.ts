/** `training.backend` choices that need no browser: the CPU backend, and WebGPU refused without an adapter. */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
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
    expect(prepared).toStrictEqual({
      backend: 'cpu',
      features: [],
      reason: 'Backend: CPU (training.backend is cpu).',
      fallback: false,
    });
    expect(tf.getBackend()).toBe('cpu');
  });

  test('webgpu refuses to fall back, saying why', async () => {
    await expect(prepareTrainingBackend(undefined, false, 'webgpu')).rejects.toThrow(
      'training.backend is webgpu, but WebGPU is not available in this browser; choose auto, wasm or cpu',
    );
    await expect(prepareTrainingBackend(gpuWithoutAdapter, true, 'webgpu')).rejects.toThrow(
      'training.backend is webgpu, but the browser found no WebGPU adapter',
    );
  });
});

/** A `navigator.gpu` whose only adapter is SwiftShader, as Chromium offers on a machine without a GPU. */
const gpuWithSwiftShader = {
  requestAdapter: () =>
    Promise.resolve({
      features: new Set<string>(),
      info: { vendor: 'google', architecture: 'swiftshader', device: '', description: '' },
    }),
} as unknown as GPU;

/** Starts the WebAssembly backend from node_modules, as Node finds its binaries. */
const nodeWasm = () => tf.setBackend('wasm');

describe('auto', () => {
  test('takes WebAssembly over a software WebGPU adapter and says why', async () => {
    const prepared = await prepareTrainingBackend(gpuWithSwiftShader, false, 'auto', nodeWasm);
    expect(prepared.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(prepared.fallback).toBe(false);
    expect(prepared.reason).toBe(
      'Backend: WebAssembly, because the WebGPU adapter (google swiftshader) renders in software on the CPU, slower than WebAssembly (training.backend auto; set webgpu to use it anyway).',
    );
  });

  test('without WebGPU it falls back to WebAssembly as a warning', async () => {
    const prepared = await prepareTrainingBackend(undefined, false, 'auto', nodeWasm);
    expect(prepared).toStrictEqual({
      backend: 'wasm',
      features: [],
      reason: 'Backend: WebAssembly, because WebGPU is not available in this browser (slower than a GPU).',
      fallback: true,
    });
  });
});
