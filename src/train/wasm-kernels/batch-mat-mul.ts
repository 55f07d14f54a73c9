/**
 * A `BatchMatMul` kernel for tfjs-backend-wasm 4.22 that keeps every product on XNNPACK. The backend's own kernel
 * reaches XNNPACK (about 28 GFLOP/s here) only for one 2-D product without transpose flags; a transposed or batched
 * product falls to a naive triple loop (0.6–2 GFLOP/s), and those are exactly the calls that attention and every
 * matMul gradient make. This kernel rewrites each call into fast ones:
 *   - transpose flags become explicit transposes (the backend's own Transpose kernel, a copy);
 *   - a batch of products against one shared right operand becomes one tall 2-D product;
 *   - any other batch becomes one 2-D product per batch entry (operands copied into scratch tensors).
 * Shapes the rewrite does not cover (general broadcasting of batch dimensions) go to the original kernel.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** The backend's own kernels this one calls: its BatchMatMul (for the fast 2-D case) and its Transpose. */
interface WasmKernels {
  readonly batchMatMul: tf.KernelFunc;
  readonly transpose: tf.KernelFunc;
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** A view of `info`'s data under another shape of the same size (no copy, no new reference). */
function view(info: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return { dataId: info.dataId, shape, dtype: info.dtype };
}

/** Swaps the last two axes of `info` into a new tensor the caller disposes. */
function transposeLastTwo(kernels: WasmKernels, backend: BackendWasm, info: tf.TensorInfo): tf.TensorInfo {
  const rank = info.shape.length;
  const perm = [...Array.from({ length: rank - 2 }, (_, k) => k), rank - 1, rank - 2];
  return kernels.transpose({ inputs: { x: info }, backend, attrs: { perm } }) as tf.TensorInfo;
}

/** One 2-D product [m, k] × [k, n] on XNNPACK; the result is a new tensor the caller disposes. */
function product2d(kernels: WasmKernels, backend: BackendWasm, a: tf.TensorInfo, b: tf.TensorInfo): tf.TensorInfo {
  return kernels.batchMatMul({
    inputs: { a, b },
    backend,
    attrs: { transposeA: false, transposeB: false },
  }) as tf.TensorInfo;
}

/**
 * a [batch, m, k] × b [batch, k, n] (plain layout, no transposes) → out [batch, m, n], one XNNPACK product per
 * batch entry. Heap views are taken after every allocation: `makeOutput` may grow (and so detach) the heap.
 */
function productPerEntry(
  kernels: WasmKernels,
  backend: BackendWasm,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  batch: number,
  m: number,
  k: number,
  n: number,
): tf.TensorInfo {
  const heap = (info: tf.TensorInfo) => backend.typedArrayFromHeap(info) as Float32Array;
  const out = backend.makeOutput([batch, m, n], 'float32');
  const aEntry = backend.makeOutput([m, k], 'float32');
  try {
    for (let entry = 0; entry < batch; entry++) {
      // A new right operand each time: XNNPACK caches its packed weights by tensor id, so a reused id would
      // multiply by the previous entry's weights.
      const bEntry = backend.makeOutput([k, n], 'float32');
      heap(aEntry).set(heap(a).subarray(entry * m * k, (entry + 1) * m * k));
      heap(bEntry).set(heap(b).subarray(entry * k * n, (entry + 1) * k * n));
      const entryOut = product2d(kernels, backend, aEntry, bEntry);
      heap(out).set(heap(entryOut), entry * m * n);
      backend.disposeData(entryOut.dataId);
      backend.disposeData(bEntry.dataId);
    }
  } finally {
    backend.disposeData(aEntry.dataId);
  }
  return out;
}

/** The rewritten kernel; `kernels` are the backend's originals. */
export function fastBatchMatMul(kernels: WasmKernels): tf.KernelFunc {
  return ({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo => {
    const wasm = backend as BackendWasm;
    const { a, b } = inputs as tf.BatchMatMulInputs;
    const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
    if (!a || !b) throw new Error('BatchMatMul: missing operand');
    const batchA = sizeOf(a.shape.slice(0, -2));
    const batchB = sizeOf(b.shape.slice(0, -2));
    const outerA = a.shape.slice(0, -2);
    const outerB = b.shape.slice(0, -2);
    const sameOuter = outerA.length === outerB.length && outerA.every((d, i) => d === outerB[i]);
    if (a.dtype !== 'float32' || b.dtype !== 'float32' || !(batchB === 1 || sameOuter)) {
      return kernels.batchMatMul({ inputs, backend, ...(attrs ? { attrs } : {}) }) as tf.TensorInfo;
    }
    const temporaries: tf.TensorInfo[] = [];
    try {
      const left = transposeA ? transposeLastTwo(kernels, wasm, a) : a;
      if (transposeA) temporaries.push(left);
      const right = transposeB ? transposeLastTwo(kernels, wasm, b) : b;
      if (transposeB) temporaries.push(right);
      const m = left.shape[left.shape.length - 2] ?? 0;
      const k = left.shape[left.shape.length - 1] ?? 0;
      const n = right.shape[right.shape.length - 1] ?? 0;
      if ((right.shape[right.shape.length - 2] ?? 0) !== k) {
        throw new Error(
          `Error in matMul: inner shapes (${k}) and (${right.shape[right.shape.length - 2]}) of Tensors with shapes ${a.shape} and ${b.shape} and transposeA=${transposeA} and transposeB=${transposeB} must match.`,
        );
      }
      const outShape = [...(batchA >= batchB ? outerA : outerB), m, n];
      let result: tf.TensorInfo;
      if (batchB === 1) result = product2d(kernels, wasm, view(left, [batchA * m, k]), view(right, [k, n]));
      else result = productPerEntry(kernels, wasm, left, right, batchA, m, k, n);
      return view(result, outShape);
    } finally {
      for (const t of temporaries) wasm.disposeData(t.dataId);
    }
  };
}
