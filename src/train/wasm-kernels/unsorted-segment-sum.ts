/**
 * `UnsortedSegmentSum` for tfjs-backend-wasm 4.22, which has none: the gradient of `gather` (the distance head
 * gathers the rows of its scored pairs) needs it. A plain loop over the wasm heap, O(size of x).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { scatterAddRows } from '../tfjs-engine/scatter-add-rows';

/**
 * x [N₁…N_r, rest…] float32, segmentIds [N₁…N_r] int32 → out [numSegments, rest…]: out[s] = Σ_{ids[n] = s} x[n].
 * Ids outside [0, numSegments) are dropped, as in TensorFlow.
 */
function unsortedSegmentSum({ inputs, backend, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const wasm = backend as BackendWasm;
  const { x, segmentIds } = inputs as tf.UnsortedSegmentSumInputs;
  const { numSegments } = attrs as unknown as tf.UnsortedSegmentSumAttrs;
  if (!x || !segmentIds) throw new Error('UnsortedSegmentSum: missing input');
  if (x.dtype !== 'float32')
    throw new Error(`UnsortedSegmentSum on the WebAssembly backend takes float32, got ${x.dtype}`);
  const rest = x.shape.slice(segmentIds.shape.length);
  const width = rest.reduce((a, b) => a * b, 1);
  const out = wasm.makeOutput([numSegments, ...rest], 'float32');
  // Views after makeOutput, which may grow (and so detach) the heap.
  const sums = wasm.typedArrayFromHeap(out) as Float32Array;
  const values = wasm.typedArrayFromHeap(x) as Float32Array;
  const ids = wasm.typedArrayFromHeap(segmentIds) as Int32Array;
  scatterAddRows(values, ids, width, numSegments, sums);
  return out;
}

export const wasmUnsortedSegmentSumConfig: tf.KernelConfig = {
  kernelName: tf.UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum,
};
