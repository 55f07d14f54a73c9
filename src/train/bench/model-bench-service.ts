/**
 * The model-bench worker's logic: load a batch of real proteins from the sample once, then time presets on
 * backends or compare two backends. Free of the worker global so it can be called from Node too.
 */
import * as tf from '@tensorflow/tfjs';
import type { H5Wasm } from '../../data/hdf5/h5-types';
import { closeStructsFile, openStructsFile } from '../../data/hdf5/open-file';
import { readIndex } from '../../data/hdf5/read-index';
import { readBatch } from '../../data/read-batch';
import { MODEL_PRESETS, type ModelPresetName } from '../../model/presets';
import type { BackendComparison, BenchBatchSpec, F16Check, ModelTiming } from '../../protocol/model-bench-messages';
import type { PaddedBatch } from '../../protocol/padded-batch';
import { compareBackends } from '../backends/backend-comparison';
import { benchmarkModel } from './model-benchmark';
import { registerF16Backend } from '../precision/f16-backend';
import { checkF16MatMul } from '../precision/f16-matmul-check';
import { registerCpuSegmentSum } from '../backends/cpu-segment-sum';

export interface LoadedBatch {
  readonly batch: PaddedBatch;
  readonly inputWidth: number;
}

/** Opens the structs file at `path` (already in h5wasm's file system) and pads the requested proteins. */
export async function loadBenchBatch(h5: H5Wasm, path: string, spec: BenchBatchSpec): Promise<LoadedBatch> {
  const handle = await openStructsFile(h5, path, spec.sampleUrl.split('/').pop() ?? path);
  try {
    const ids = readIndex(handle)
      .proteins.slice(spec.offset, spec.offset + spec.proteins)
      .map((p) => p.id);
    const { batch, skipped } = readBatch(handle, ids, { maxLength: spec.maxLength, seed: 1, epoch: 0 });
    if (!batch) throw new Error(`no protein of the sample could be read: ${skipped.map((s) => s.reason).join('; ')}`);
    return { batch, inputWidth: handle.resWidth ?? 0 };
  } finally {
    closeStructsFile(handle);
  }
}

export function presetConfig(name: string) {
  if (!(name in MODEL_PRESETS))
    throw new Error(`unknown model preset '${name}' (known: ${Object.keys(MODEL_PRESETS).join(', ')})`);
  return MODEL_PRESETS[name as ModelPresetName];
}

async function useBackend(name: string): Promise<void> {
  if (name === 'cpu') registerCpuSegmentSum();
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend '${name}' is not available here`);
  await tf.ready();
}

/** Times every preset on every backend, reporting each timing as soon as it exists. */
export async function runBenchmarks(
  loaded: LoadedBatch,
  presets: readonly string[],
  backends: readonly string[],
  repeats: number,
  report: (t: ModelTiming) => void,
): Promise<void> {
  for (const backend of backends) {
    await useBackend(backend);
    for (const preset of presets)
      report(await benchmarkModel(preset, presetConfig(preset), loaded.batch, loaded.inputWidth, repeats));
  }
}

export async function runComparison(
  loaded: LoadedBatch,
  preset: string,
  backends: readonly [string, string],
): Promise<BackendComparison> {
  const difference = await compareBackends(backends, presetConfig(preset), loaded.batch, loaded.inputWidth, 3);
  return { backends, preset, ...difference };
}

/**
 * Checks the f16 matMul kernel on this adapter — real halves where it has `shader-f16`, else the packed variant
 * that rounds the same way — against an independent reference, then the whole model against the CPU backend.
 */
export async function runF16Check(loaded: LoadedBatch, preset: string, gpu: GPU): Promise<F16Check> {
  const adapter = await gpu.requestAdapter();
  const adapterHasShaderF16 = adapter?.features.has('shader-f16') ?? false;
  const variant = adapterHasShaderF16 ? 'native' : 'packed';
  const backend = await registerF16Backend(variant, gpu);
  const matMul = await checkF16MatMul(backend);
  const model = await runComparison(loaded, preset, [backend, 'cpu']);
  return { variant, adapterHasShaderF16, matMul, model };
}
