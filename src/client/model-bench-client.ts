/** Main-thread side of the model-bench worker: one worker per request batch, terminated when done. */
import {
  isModelBenchEvent,
  type BackendComparison,
  type BenchBatchSpec,
  type F16Check,
  type ModelBenchEvent,
  type ModelBenchRequest,
  type ModelTiming,
} from '../protocol/model-bench-messages';

function runInWorker(request: ModelBenchRequest, onEvent: (event: ModelBenchEvent) => boolean): Promise<void> {
  const worker = new Worker(new URL('../../workers/model-bench.worker.ts', import.meta.url), {
    type: 'module',
    name: 'model-bench',
  });
  return new Promise<void>((resolve, reject) => {
    worker.onmessage = (message: MessageEvent<unknown>) => {
      const event = message.data;
      if (!isModelBenchEvent(event) || event.requestId !== request.requestId) return;
      if (event.type === 'failed') {
        worker.terminate();
        reject(new Error(event.message));
      } else if (onEvent(event)) {
        worker.terminate();
        resolve();
      }
    };
    worker.onerror = (event: ErrorEvent) => {
      worker.terminate();
      reject(new Error(`The model-bench worker stopped: ${event.message || 'unknown error'}`));
    };
    worker.postMessage(request);
  });
}

let nextId = 1;

/** Times each preset on each backend; `onTiming` sees each result as it arrives. */
export function benchmarkInWorker(
  batch: BenchBatchSpec,
  presets: readonly string[],
  backends: readonly string[],
  repeats: number,
  onTiming: (t: ModelTiming) => void,
): Promise<void> {
  return runInWorker({ type: 'benchmark', requestId: nextId++, batch, presets, backends, repeats }, (event) => {
    if (event.type === 'timing') onTiming(event.timing);
    return event.type === 'benchmark-done';
  });
}

/** Differentiates the same seeded model on two backends and reports the largest relative differences. */
export async function compareBackendsInWorker(
  batch: BenchBatchSpec,
  preset: string,
  backends: readonly [string, string],
): Promise<BackendComparison> {
  let result: BackendComparison | null = null;
  await runInWorker({ type: 'compare-backends', requestId: nextId++, batch, preset, backends }, (event) => {
    if (event.type === 'comparison') result = event.comparison;
    return event.type === 'comparison';
  });
  if (!result) throw new Error('the worker gave no comparison');
  return result;
}

/** Checks the f16 matMul kernel on this adapter and the model with it against the CPU backend. */
export async function checkF16InWorker(batch: BenchBatchSpec, preset: string): Promise<F16Check> {
  let result: F16Check | null = null;
  await runInWorker({ type: 'check-f16', requestId: nextId++, batch, preset }, (event) => {
    if (event.type === 'f16-check') result = event.check;
    return event.type === 'f16-check';
  });
  if (!result) throw new Error('the worker gave no f16 check');
  return result;
}
