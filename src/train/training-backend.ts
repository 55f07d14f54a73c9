/**
 * The tfjs backend a trainer runs on: WebGPU where the browser has an adapter — with our half-precision matMuls
 * when the run asks for mixed precision and the adapter has `shader-f16` — else WebAssembly, with a notice; the CPU
 * backend (about 2.7× slower than WebAssembly on the model's step) only when WebAssembly fails to start.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainingBackendChoice } from '../protocol/run-config';
import { registerF16Backend } from './precision/f16-backend';
import { decidePrecision } from './precision/precision-mode';
import { activateWasmBackend, WASM_BACKEND } from './wasm-backend';

export interface TrainingBackend {
  readonly backend: string;
  /** The adapter's features (empty without WebGPU). */
  readonly features: readonly string[];
  /** A warning for the run log when the backend is a fallback. */
  readonly notice?: string;
}

const NO_WEBGPU = 'WebGPU is not available in this browser';

async function useWasm(): Promise<TrainingBackend | null> {
  return (await activateWasmBackend()) ? { backend: WASM_BACKEND, features: [] } : null;
}

async function useCpu(): Promise<TrainingBackend> {
  await tf.setBackend('cpu');
  await tf.ready();
  return { backend: 'cpu', features: [] };
}

/**
 * Activates the backend `choice` (`training.backend`) asks for. `auto` falls back as described above, with a
 * notice; an explicit choice that cannot start throws saying why (a user comparing backends must not get another).
 */
export async function prepareTrainingBackend(gpu: GPU | undefined, mixedPrecision: boolean, choice: TrainingBackendChoice = 'auto'): Promise<TrainingBackend> {
  if (choice === 'wasm') {
    const wasm = await useWasm();
    if (!wasm) throw new Error('training.backend is wasm, but the WebAssembly backend did not start in this browser');
    return wasm;
  }
  if (choice === 'cpu') return useCpu();
  const adapter = gpu ? await gpu.requestAdapter() : null;
  if (gpu && adapter) {
    const features = [...adapter.features].map(String);
    const backend = decidePrecision(features, mixedPrecision).mode === 'f16-mixed' ? await registerF16Backend('native', gpu) : 'webgpu';
    if (await tf.setBackend(backend)) {
      await tf.ready();
      return { backend, features };
    }
  }
  if (choice === 'webgpu') throw new Error(`training.backend is webgpu, but ${gpu ? 'the browser found no WebGPU adapter' : NO_WEBGPU}; choose auto, wasm or cpu`);
  const wasm = await useWasm();
  if (wasm) return { ...wasm, notice: `${NO_WEBGPU}: this trainer runs on the WebAssembly backend (slower than a GPU).` };
  return { ...(await useCpu()), notice: `${NO_WEBGPU}: training runs on the CPU backend, far slower.` };
}
