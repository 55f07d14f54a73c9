/**
 * `Slice` and `SplitV` for tfjs-backend-wasm 4.22 that copy only what they return. The backend's own Slice reads
 * its input with `readSync`, which copies the WHOLE input out of the heap on every call, so a split into n pieces
 * copied the input n times (splitting one step's flat gradient vector into its 174 parameters took about 30 ms
 * per split). Here the input is read through a heap view and each contiguous run is copied once.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type KernelArgs = Parameters<tf.KernelFunc>[0];
type Numbers = Float32Array | Int32Array | Uint8Array;

/** Copies the box `begin`/`size` of `source` (shape `shape`) into `target`, one subarray per innermost run. */
function copyBox(
  source: Numbers,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
  target: Numbers,
): void {
  const rank = shape.length;
  const strides = new Array<number>(rank).fill(1);
  for (let axis = rank - 2; axis >= 0; axis--) strides[axis] = (strides[axis + 1] ?? 1) * (shape[axis + 1] ?? 1);
  // Trailing axes taken whole merge into the run, so a contiguous box is a single copy.
  let runAxis = rank - 1;
  while (runAxis > 0 && begin[runAxis] === 0 && size[runAxis] === shape[runAxis]) runAxis--;
  const run = size.slice(runAxis).reduce((a, b) => a * b, 1);
  let written = 0;
  const walk = (axis: number, offset: number): void => {
    if (axis === runAxis) {
      const start = offset + (begin[axis] ?? 0) * (strides[axis] ?? 1);
      target.set(source.subarray(start, start + run), written);
      written += run;
      return;
    }
    for (let i = 0; i < (size[axis] ?? 0); i++)
      walk(axis + 1, offset + ((begin[axis] ?? 0) + i) * (strides[axis] ?? 1));
  };
  if (run > 0) walk(0, 0);
}

/** One slice of `x` as a new tensor; views are taken after `makeOutput`, which may grow (and detach) the heap. */
function sliceOf(backend: BackendWasm, x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo {
  const out = backend.makeOutput(size, x.dtype);
  if (size.every((d) => d > 0) && x.shape.length > 0) {
    copyBox(backend.typedArrayFromHeap(x) as Numbers, x.shape, begin, size, backend.typedArrayFromHeap(out) as Numbers);
  }
  return out;
}

const numeric = (x: tf.TensorInfo) => x.dtype === 'float32' || x.dtype === 'int32' || x.dtype === 'bool';

/** The replacement Slice; strings go to `original`. */
export function sliceFromHeap(original: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs): tf.TensorInfo => {
    const { x } = args.inputs as tf.SliceInputs;
    if (!x) throw new Error('Slice: missing input');
    if (!numeric(x)) return original(args) as tf.TensorInfo;
    const { begin, size } = args.attrs as unknown as tf.SliceAttrs;
    const [begin_, size_] = tf.slice_util.parseSliceParams(x as tf.Tensor, begin, size) as [number[], number[]];
    return sliceOf(args.backend as BackendWasm, x, begin_, size_);
  };
}

/** The replacement SplitV; strings go to `original`. */
export function splitFromHeap(original: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs): tf.TensorInfo[] => {
    const { x } = args.inputs as tf.SplitVInputs;
    if (!x) throw new Error('SplitV: missing input');
    if (!numeric(x)) return original(args) as tf.TensorInfo[];
    const { numOrSizeSplits, axis } = args.attrs as unknown as tf.SplitVAttrs;
    const at = tf.util.parseAxisParam(axis, x.shape)[0] ?? 0;
    const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, numOrSizeSplits, at);
    const begin = new Array<number>(x.shape.length).fill(0);
    return sizes.map((piece) => {
      const size = [...x.shape];
      size[at] = piece;
      const out = sliceOf(args.backend as BackendWasm, x, [...begin], size);
      begin[at] = (begin[at] ?? 0) + piece;
      return out;
    });
  };
}
