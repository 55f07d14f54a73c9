/**
 * The tfjs backend a trainer runs on: WebGPU where the browser has an adapter — with our half-precision matMuls
 * when the run asks for mixed precision and the adapter has `shader-f16` — else WebAssembly, with a notice; the CPU
 * backend (about 2.7× slower than WebAssembly on the model's step) only when WebAssembly fails to start.
 */
import * as tf from '@tensorflow/tfjs';
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

export async function prepareTrainingBackend(gpu: GPU | undefined, mixedPrecision: boolean): Promise<TrainingBackend> {
  const adapter = gpu ? await gpu.requestAdapter() : null;
  if (gpu && adapter) {
    const features = [...adapter.features].map(String);
    const backend = decidePrecision(features, mixedPrecision).mode === 'f16-mixed' ? await registerF16Backend('native', gpu) : 'webgpu';
    if (await tf.setBackend(backend)) {
      await tf.ready();
      return { backend, features };
    }
  }
  if (await activateWasmBackend()) {
    return { backend: WASM_BACKEND, features: [], notice: 'WebGPU is not available in this browser: this trainer runs on the WebAssembly backend (slower than a GPU).' };
  }
  await tf.setBackend('cpu');
  return { backend: 'cpu', features: [], notice: 'WebGPU is not available in this browser: training runs on the CPU backend, far slower.' };
}
