/**
 * Our replacements for tfjs-backend-wasm 4.22 kernels, registered in one place: call after
 * `@tensorflow/tfjs-backend-wasm` is imported (its import registers the originals), before or after the backend
 * starts; calling again changes nothing.
 */
import * as tf from '@tensorflow/tfjs';
import { replaceWasmOneHot } from '../backends/wasm-one-hot';
import { fastBatchMatMul } from './batch-mat-mul';
import { gatherRows } from './gather-rows';
import { sliceFromHeap, splitFromHeap } from './slice-from-heap';
import { sumLeadingAxes } from './sum-leading-axes';
import { wasmUnsortedSegmentSumConfig } from './unsorted-segment-sum';

const WASM = 'wasm';
/** Marks a kernel function as ours, so a second registration is recognised. */
const REPLACED = Symbol('foldtree-studio replacement');

type MarkedKernel = tf.KernelFunc & { [REPLACED]?: true };

/** Swaps the wasm kernel `name` for `make(original)`, keeping the original's set-up function. */
function replaceKernel(name: string, make: (original: tf.KernelFunc) => tf.KernelFunc): void {
  const original = tf.getKernel(name, WASM);
  if (!original) throw new Error(`the WebAssembly backend has no ${name} kernel to replace`);
  if ((original.kernelFunc as MarkedKernel)[REPLACED]) return;
  const replacement: MarkedKernel = make(original.kernelFunc);
  replacement[REPLACED] = true;
  tf.unregisterKernel(name, WASM);
  tf.registerKernel({ ...original, kernelFunc: replacement });
}

export function registerWasmKernels(): void {
  replaceWasmOneHot();
  const transpose = tf.getKernel(tf.Transpose, WASM)?.kernelFunc;
  if (!transpose) throw new Error('the WebAssembly backend has no Transpose kernel');
  replaceKernel(tf.BatchMatMul, (batchMatMul) => fastBatchMatMul({ batchMatMul, transpose }));
  replaceKernel(tf.GatherV2, gatherRows);
  replaceKernel(tf.Slice, sliceFromHeap);
  replaceKernel(tf.SplitV, splitFromHeap);
  replaceKernel(tf.Sum, sumLeadingAxes);
  if (!tf.getKernel(tf.UnsortedSegmentSum, WASM)) tf.registerKernel(wasmUnsortedSegmentSumConfig);
}
