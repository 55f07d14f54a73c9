/**
 * The WebAssembly tfjs backend for trainers in browsers without WebGPU. Its `.wasm` binaries are emitted by the
 * bundler (`?url` imports) rather than looked up beside the script, which a hashed bundle would break.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { registerWasmKernels } from '../wasm-kernels/register-wasm-kernels';

/** The backend name tfjs registers the WebAssembly backend under. */
export const WASM_BACKEND = 'wasm';

let configured = false;

/** Points the WebAssembly backend at the bundled binaries (once), so `tf.setBackend('wasm')` can start it. */
export function configureWasmBackend(): void {
  if (configured) return;
  configured = true;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainUrl,
    'tfjs-backend-wasm-simd.wasm': simdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
  });
  // The single-threaded build, even on cross-origin isolated pages where the threaded one could load. The threaded
  // build starts its helper threads as blob workers from the source text of its factory function, and in our
  // minified bundle that text refers to names outside the function: every helper dies with "ReferenceError: e is
  // not defined" and takes the trainer worker down with it. A thread pool would not pay anyway: on this backend the
  // studio already runs one trainer per CPU core (protocol/trainer-count.ts).
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  registerWasmKernels();
}

/**
 * Makes the WebAssembly backend tfjs's active backend: SIMD build where the browser has WebAssembly SIMD, else the
 * plain one. False when it could not be initialised (e.g. a binary failed to load); the previous backend then stays.
 */
export async function activateWasmBackend(): Promise<boolean> {
  configureWasmBackend();
  if (!(await tf.setBackend(WASM_BACKEND))) return false;
  await tf.ready();
  return true;
}
