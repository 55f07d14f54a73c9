/**
 * `GatherV2` for tfjs-backend-wasm 4.22 when it picks whole rows (axis 0, no batch dimensions): one contiguous
 * copy per picked row. The backend's own kernel walks every element through generic index arithmetic and took
 * about 1 s per step for the distance head's pair rows; every other gather goes to it unchanged.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** The rewritten kernel; `original` is the backend's own GatherV2. */
export function gatherRows(original: tf.KernelFunc): tf.KernelFunc {
  return (args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo => {
    const wasm = args.backend as BackendWasm;
    const { x, indices } = args.inputs as tf.GatherV2Inputs;
    const { axis, batchDims } = args.attrs as unknown as tf.GatherV2Attrs;
    if (!x || !indices) throw new Error('GatherV2: missing input');
    const rowsAxis = axis < 0 ? axis + x.shape.length : axis;
    if (
      rowsAxis !== 0 ||
      (batchDims ?? 0) !== 0 ||
      indices.dtype !== 'int32' ||
      (x.dtype !== 'float32' && x.dtype !== 'int32')
    ) {
      return original(args) as tf.TensorInfo;
    }
    const rowCount = x.shape[0] ?? 0;
    const width = x.shape.slice(1).reduce((a, b) => a * b, 1);
    const out = wasm.makeOutput([...indices.shape, ...x.shape.slice(1)], x.dtype);
    // Views after makeOutput, which may grow (and so detach) the heap.
    const target = wasm.typedArrayFromHeap(out) as Float32Array | Int32Array;
    const source = wasm.typedArrayFromHeap(x) as Float32Array | Int32Array;
    const picks = wasm.typedArrayFromHeap(indices) as Int32Array;
    for (let p = 0; p < picks.length; p++) {
      const row = picks[p] ?? -1;
      if (row < 0 || row >= rowCount) throw new Error(`GatherV2: index ${row} is not in [0, ${rowCount})`);
      target.set(source.subarray(row * width, (row + 1) * width), p * width);
    }
    return out;
  };
}
