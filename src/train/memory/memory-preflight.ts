/**
 * The memory pre-flight: before the first step, the estimated peak of one forward + backward pass
 * (model/memory/step-memory.ts) against what the trainer's backend can hold. On WebAssembly the whole tfjs heap is
 * at most 4 GB and a pass may use 90 % of it (the rest: weights, optimizer state); on WebGPU no single tensor may
 * exceed the adapter's `maxStorageBufferBindingSize`.
 *
 * A micro-batch that cannot fit in one pass runs as several passes of fewer proteins whose gradients are summed
 * into the same optimizer step (the losses' normalisers are counted over the whole micro-batch first, so the
 * update is the one the whole micro-batch gives, up to float summation order and dropout masks); the run says so
 * in one line. Only when not even one protein fits is the run refused, with a line naming the crop, the estimate
 * and the crop that would fit.
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

/** What one protein, one batch or one crop of `size` means in a message. */
function describeCrop(size: StepSize): string {
  return size.cropped
    ? `crops of data.maxResidues ${size.length}`
    : `${size.length} residues (the longest protein, uncropped)`;
}

/** "needs about 7.3 GB, more than the 3.9 GB a pass may use on …" for an estimate that does not fit `target`. */
function describeShortfall(estimate: StepMemoryEstimate, target: PreflightTarget): string {
  return target.backend === 'wasm'
    ? `needs about ${gigabytes(estimate.peakBytes)}, more than the ${gigabytes(WASM_HEAP_BYTES * WASM_STEP_SHARE)} a pass may use on the WebAssembly backend (a 4 GB heap)`
    : `needs a ${gigabytes(estimate.largestTensorBytes)} tensor, more than this GPU's ${gigabytes(target.maxBufferBytes ?? 0)} buffer limit`;
}

/**
 * The most proteins of a micro-batch of `size` that one forward + backward pass may hold on `target`: `size.batch`
 * when the whole micro-batch fits, fewer when it does not, 0 when not even one protein fits.
 */
export function proteinsPerPass(
  model: ModelConfig,
  size: StepSize,
  parameters: number,
  target: PreflightTarget,
): number {
  return largestFitting(size.batch, (batch) => fits(stepEstimate(model, { ...size, batch }, parameters), target));
}

/** Null when at least one protein of `size` fits `target` in a pass; otherwise the one-line refusal. */
export function memoryRefusal(
  model: ModelConfig,
  size: StepSize,
  parameters: number,
  target: PreflightTarget,
): string | null {
  const single = { ...size, batch: 1 };
  const estimate = stepEstimate(model, single, parameters);
  if (fits(estimate, target)) return null;
  const lengthThatFits = largestFitting(size.length, (length) =>
    fits(stepEstimate(model, { ...single, length }, parameters), target),
  );
  const remedy = lengthThatFits > 0 ? `set data.maxResidues ${lengthThatFits}` : 'choose a smaller model';
  return `memory pre-flight: one protein of ${describeCrop(size)} ${describeShortfall(estimate, target)}; ${remedy}.`;
}

/**
 * The line a run logs when its micro-batches of `size` run as passes of `perPass` proteins (from
 * `proteinsPerPass`); null when a micro-batch fits one pass.
 */
export function passNote(
  model: ModelConfig,
  size: StepSize,
  parameters: number,
  target: PreflightTarget,
  perPass: number,
): string | null {
  if (perPass >= size.batch || perPass < 1) return null;
  const passes = Math.ceil(size.batch / perPass);
  const whole = describeShortfall(stepEstimate(model, size, parameters), target);
  return `memory: a micro-batch of training.batchSize ${size.batch} × ${describeCrop(size)} ${whole}; each runs as ${passes} passes of at most ${perPass} proteins, their gradients summed into the same optimizer step (the same update, more time per step).`;
}
