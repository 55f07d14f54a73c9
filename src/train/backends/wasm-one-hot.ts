/**
 * A correct `OneHot` kernel for tfjs-backend-wasm 4.22. Its own kernel writes int32 on/off values into the output
 * whatever the requested dtype, so `tf.oneHot(codes, K, 1, 0, 'float32')` comes back as the bit pattern of the
 * integer 1 (1.4e-45) instead of 1.0. The quantizer builds its code selection and EMA statistics that way, so on
 * wasm the VQ loss, the codebook gradient and the EMA counts were silently wrong until this replaced it.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * indices [...] int32 → [..., depth] of `dtype`: `onValue` where the index is in [0, depth), `offValue` elsewhere
 * (so a negative index, e.g. the quantizer's padding code, gives a row of `offValue`), as on the CPU backend.
 */
function oneHot({ inputs, backend, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const wasm = backend as BackendWasm;
  const { indices } = inputs as tf.OneHotInputs;
  const { dtype, depth, onValue, offValue } = attrs as unknown as tf.OneHotAttrs;
  if (!indices) throw new Error('OneHot: no indices');
  const out = wasm.makeOutput([...indices.shape, depth], dtype);
  // Views on the wasm heap are taken after `makeOutput`, which may grow (and so detach) the heap.
  const values = wasm.typedArrayFromHeap(out);
  const codes = wasm.typedArrayFromHeap(indices);
  values.fill(offValue);
  codes.forEach((code, row) => {
    if (code >= 0 && code < depth) values[row * depth + code] = onValue;
  });
  return out;
}

/** The replacement kernel, registered under the wasm backend's name. */
export const wasmOneHotConfig: tf.KernelConfig = { kernelName: tf.OneHot, backendName: 'wasm', kernelFunc: oneHot };

/**
 * Swaps the wasm backend's `OneHot` for {@link wasmOneHotConfig}. Call after `@tensorflow/tfjs-backend-wasm` is
 * imported (its import registers the faulty kernel); calling again changes nothing.
 */
export function replaceWasmOneHot(): void {
  if (tf.getKernel(tf.OneHot, 'wasm')?.kernelFunc === oneHot) return;
  if (tf.getKernel(tf.OneHot, 'wasm')) tf.unregisterKernel(tf.OneHot, 'wasm');
  tf.registerKernel(wasmOneHotConfig);
}
