/**
 * The memory pre-flight: before the first step, the estimated peak of one step (model/memory/step-memory.ts)
 * against what the trainer's backend can hold. On WebAssembly the whole tfjs heap is at most 4 GB and a step may
 * use 90 % of it (the rest: weights, optimizer state); on WebGPU no single tensor
 * may exceed the adapter's `maxStorageBufferBindingSize`. A step that cannot fit is refused with one line naming
 * the batch size, the crop and the estimate, and the largest batch and crop that would fit.
 */
import { estimateStepMemory, type StepMemoryEstimate } from '../../model/memory/step-memory';
import type { ModelConfig } from '../../model/model-config';

/** The WebAssembly backend's heap limit (emscripten's 4 GB address space, less one 64 KiB page). */
export const WASM_HEAP_BYTES = 4294901760;
/** Share of that heap one step may use. */
export const WASM_STEP_SHARE = 0.9;

export interface StepSize {
  readonly batch: number;
  /** Padded residues per protein: the crop, or the longest protein when uncropped. */
  readonly length: number;
  /** True when `length` is `data.maxResidues`; false when it is the longest protein (no crop). */
  readonly cropped: boolean;
  /** Contacts per residue of the dataset's densest protein, for whole proteins; absent: the estimate's assumption. */
  readonly contactsPerResidue?: number;
}

export interface PreflightTarget {
  /** tfjs backend name: 'wasm', 'cpu', 'webgpu' or a WebGPU variant. */
  readonly backend: string;
  /** WebGPU's maxStorageBufferBindingSize, when the backend is WebGPU. */
  readonly maxBufferBytes?: number;
}

const GB = 1e9;
const gigabytes = (bytes: number): string => `${(bytes / GB).toFixed(1)} GB`;

/** Whether a step of this size fits the target; `estimate` for messages. */
function fits(estimate: StepMemoryEstimate, target: PreflightTarget): boolean {
  if (target.backend === 'wasm') return estimate.peakBytes <= WASM_HEAP_BYTES * WASM_STEP_SHARE;
  if (target.maxBufferBytes !== undefined) return estimate.largestTensorBytes <= target.maxBufferBytes;
  return true;
}

/** The largest value in [1, upTo] for which `ok` holds (ok is monotone: true up to some point), or 0. */
function largestFitting(upTo: number, ok: (n: number) => boolean): number {
  let low = 0;
  let high = upTo;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (ok(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The estimate for one step of `size`. */
export function stepEstimate(model: ModelConfig, size: StepSize, parameters: number): StepMemoryEstimate {
  return estimateStepMemory(model, size.batch, size.length, parameters, size.contactsPerResidue);
}

/** Null when a step of `size` fits `target`; otherwise the one-line refusal. */
export function memoryRefusal(
  model: ModelConfig,
  size: StepSize,
  parameters: number,
  target: PreflightTarget,
): string | null {
  const estimate = stepEstimate(model, size, parameters);
  if (fits(estimate, target)) return null;
  const ok = (batch: number, length: number) =>
    fits(stepEstimate(model, { ...size, batch, length }, parameters), target);
  const batchThatFits = largestFitting(size.batch, (b) => ok(b, size.length));
  const lengthThatFits = largestFitting(size.length, (l) => ok(size.batch, l));
  const crop = size.cropped
    ? `crops of data.maxResidues ${size.length}`
    : `${size.length} residues (the longest protein, uncropped: data.maxResidues is null)`;
  const what =
    target.backend === 'wasm'
      ? `needs about ${gigabytes(estimate.peakBytes)}, more than the ${gigabytes(WASM_HEAP_BYTES * WASM_STEP_SHARE)} a step may use on the WebAssembly backend (a 4 GB heap)`
      : `needs a ${gigabytes(estimate.largestTensorBytes)} tensor, more than this GPU's ${gigabytes(target.maxBufferBytes ?? 0)} buffer limit`;
  const remedies = [
    ...(batchThatFits > 0 ? [`training.batchSize ${batchThatFits}`] : []),
    ...(lengthThatFits > 0 ? [`data.maxResidues ${lengthThatFits}`] : []),
  ];
  return `memory pre-flight: one step of training.batchSize ${size.batch} × ${crop} ${what}; ${remedies.length > 0 ? `set ${remedies.join(' or ')}` : 'choose a smaller model'}.`;
}
