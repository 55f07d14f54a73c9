/**
 * The tfjs backend a trainer runs on. `auto`: WebGPU on a hardware adapter — with our half-precision matMuls when
 * the run asks for mixed precision and the adapter has `shader-f16` — else WebAssembly (also in place of a software
 * WebGPU adapter such as SwiftShader, which is far slower than WebAssembly on the same CPU); the CPU backend only
 * when WebAssembly fails to start. Every choice comes with one line for the run log saying which backend and why.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainingBackendChoice } from '../../protocol/run-config';
import { registerF16Backend } from '../precision/f16-backend';
import { decidePrecision } from '../precision/precision-mode';
import { adapterName, isSoftwareAdapter, type AdapterIdentity } from '../../shared/software-adapter';
import { registerLeanGradients } from '../tfjs-engine/lean-gradients';
import { shareSavedTensors } from '../tfjs-engine/share-saved-tensors';
import { activateWasmBackend, WASM_BACKEND } from './wasm-backend';
import { registerCpuSegmentSum } from './cpu-segment-sum';

export interface TrainingBackend {
  readonly backend: string;
  /** The adapter's features (empty without WebGPU). */
  readonly features: readonly string[];
  /** For the run log: the backend and why it was chosen. */
  readonly reason: string;
  /** The reason is a fallback from what the user would expect (logged as a warning). */
  readonly fallback: boolean;
}

const NO_WEBGPU = 'WebGPU is not available in this browser';

async function useCpu(reason: string, fallback: boolean): Promise<TrainingBackend> {
  registerCpuSegmentSum();
  await tf.setBackend('cpu');
  await tf.ready();
  return { backend: 'cpu', features: [], reason, fallback };
}

function identity(adapter: GPUAdapter): AdapterIdentity {
  const info = adapter.info as GPUAdapterInfo & AdapterIdentity;
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    isFallbackAdapter: info.isFallbackAdapter === true,
  };
}

/** WebGPU on `adapter`, or null when tfjs could not start on it. */
async function useWebGpu(
  gpu: GPU,
  adapter: GPUAdapter,
  mixedPrecision: boolean,
  reason: string,
): Promise<TrainingBackend | null> {
  const features = [...adapter.features].map(String);
  const backend =
    decidePrecision(features, mixedPrecision).mode === 'f16-mixed' ? await registerF16Backend('native', gpu) : 'webgpu';
  if (!(await tf.setBackend(backend))) return null;
  await tf.ready();
  return { backend, features, reason, fallback: false };
}

/**
 * Activates the backend `choice` (`training.backend`) asks for. `auto` falls back as described above; an explicit
 * choice that cannot start throws saying why (a user comparing backends must not get another). `useWasm` starts the
 * WebAssembly backend (true when it runs); Node tests pass one that finds the binaries in node_modules.
 */
export async function prepareTrainingBackend(
  gpu: GPU | undefined,
  mixedPrecision: boolean,
  choice: TrainingBackendChoice = 'auto',
  useWasm: () => Promise<boolean> = activateWasmBackend,
): Promise<TrainingBackend> {
  shareSavedTensors();
  registerLeanGradients();
  if (choice === 'wasm') {
    if (!(await useWasm()))
      throw new Error('training.backend is wasm, but the WebAssembly backend did not start in this browser');
    return {
      backend: WASM_BACKEND,
      features: [],
      reason: 'Backend: WebAssembly (training.backend is wasm).',
      fallback: false,
    };
  }
  if (choice === 'cpu') return useCpu('Backend: CPU (training.backend is cpu).', false);
  const adapter = gpu ? await gpu.requestAdapter({ powerPreference: 'high-performance' }) : null;
  if (choice === 'webgpu') {
    const started =
      gpu && adapter
        ? await useWebGpu(
            gpu,
            adapter,
            mixedPrecision,
            `Backend: WebGPU on ${adapterName(identity(adapter))} (training.backend is webgpu).`,
          )
        : null;
    if (started) return started;
    throw new Error(
      `training.backend is webgpu, but ${gpu ? 'the browser found no WebGPU adapter' : NO_WEBGPU}; choose auto, wasm or cpu`,
    );
  }
  let why = NO_WEBGPU;
  if (gpu && adapter) {
    const name = adapterName(identity(adapter));
    if (
      !isSoftwareAdapter(
        identity(adapter),
        (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter === true,
      )
    ) {
      const started = await useWebGpu(
        gpu,
        adapter,
        mixedPrecision,
        `Backend: WebGPU on ${name} (training.backend auto: a hardware adapter).`,
      );
      if (started) return started;
      why = `WebGPU did not start on ${name}`;
    } else {
      why = `the WebGPU adapter (${name}) renders in software on the CPU, slower than WebAssembly`;
      if (await useWasm())
        return {
          backend: WASM_BACKEND,
          features: [],
          reason: `Backend: WebAssembly, because ${why} (training.backend auto; set webgpu to use it anyway).`,
          fallback: false,
        };
    }
  } else if (gpu) why = 'the browser found no WebGPU adapter';
  if (await useWasm())
    return {
      backend: WASM_BACKEND,
      features: [],
      reason: `Backend: WebAssembly, because ${why} (slower than a GPU).`,
      fallback: true,
    };
  return useCpu(`Backend: CPU, because ${why} and the WebAssembly backend did not start (far slower).`, true);
}
