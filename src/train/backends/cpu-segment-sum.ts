/**
 * `UnsortedSegmentSum` for tfjs's CPU backend in one pass over the rows (`scatterAddRows`), in place of its own
 * per-segment masked sums, which made the distance head's gather gradient quadratic in the scored pairs. Registered
 * when a trainer or the model benchmark takes the CPU backend; calling again changes nothing.
 */
import * as tf from '@tensorflow/tfjs';
import { scatterAddRows } from '../tfjs-engine/scatter-add-rows';

/** What this kernel uses of tfjs's CPU backend (MathBackendCPU). */
interface CpuBackend {
  readonly data: { get(dataId: object): { values?: unknown } | undefined };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

function unsortedSegmentSum({ inputs, backend, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const cpu = backend as unknown as CpuBackend;
  const { x, segmentIds } = inputs as tf.UnsortedSegmentSumInputs;
  const { numSegments } = attrs as unknown as tf.UnsortedSegmentSumAttrs;
  if (!x || !segmentIds) throw new Error('UnsortedSegmentSum: missing input');
  const values = Float32Array.from(cpu.data.get(x.dataId)?.values as ArrayLike<number>);
  const ids = Int32Array.from(cpu.data.get(segmentIds.dataId)?.values as ArrayLike<number>);
  const rest = x.shape.slice(segmentIds.shape.length);
  const width = rest.reduce((a, b) => a * b, 1);
  const sums = new Float32Array(numSegments * width);
  scatterAddRows(values, ids, width, numSegments, sums);
  return cpu.makeTensorInfo([numSegments, ...rest], 'float32', sums);
}

let registered = false;

export function registerCpuSegmentSum(): void {
  if (registered) return;
  registered = true;
  const original = tf.getKernel(tf.UnsortedSegmentSum, 'cpu');
  if (original) tf.unregisterKernel(tf.UnsortedSegmentSum, 'cpu');
  tf.registerKernel({ kernelName: tf.UnsortedSegmentSum, backendName: 'cpu', kernelFunc: unsortedSegmentSum });
}
