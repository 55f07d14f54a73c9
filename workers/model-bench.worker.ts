/// <reference lib="webworker" />
/** Entry of the model-bench worker: tfjs with the WebGPU and WebAssembly backends registered, the sample read through fetch. */
import '@tensorflow/tfjs-backend-webgpu';
import h5wasm from 'h5wasm';
import { fetchIntoMemoryFs, removeFetchedFile } from '../src/data/hdf5/browser-files';
import {
  isModelBenchRequest,
  type ModelBenchEvent,
  type ModelBenchRequest,
} from '../src/protocol/model-bench-messages';
import { assertNever } from '../src/shared/assert-never';
import {
  loadBenchBatch,
  runBenchmarks,
  runComparison,
  runF16Check,
  type LoadedBatch,
} from '../src/train/bench/model-bench-service';
import { configureWasmBackend } from '../src/train/backends/wasm-backend';

declare const self: DedicatedWorkerGlobalScope;

configureWasmBackend();

async function load(request: ModelBenchRequest): Promise<LoadedBatch> {
  const module = await h5wasm.ready;
  const path = await fetchIntoMemoryFs(module, request.batch.sampleUrl, 'sample.h5');
  try {
    return await loadBenchBatch(h5wasm, path, request.batch);
  } finally {
    removeFetchedFile(module, path);
  }
}

async function handle(request: ModelBenchRequest): Promise<void> {
  const post = (event: ModelBenchEvent) => self.postMessage(event);
  const loaded = await load(request);
  switch (request.type) {
    case 'benchmark':
      await runBenchmarks(loaded, request.presets, request.backends, request.repeats, (timing) =>
        post({ type: 'timing', requestId: request.requestId, timing }),
      );
      return post({ type: 'benchmark-done', requestId: request.requestId });
    case 'compare-backends':
      return post({
        type: 'comparison',
        requestId: request.requestId,
        comparison: await runComparison(loaded, request.preset, request.backends),
      });
    case 'check-f16':
      if (!self.navigator.gpu)
        throw new Error('WebGPU is not available in this browser: there is no f16 matMul to check');
      return post({
        type: 'f16-check',
        requestId: request.requestId,
        check: await runF16Check(loaded, request.preset, self.navigator.gpu),
      });
    default:
      return assertNever(request, 'model-bench request');
  }
}

let queue: Promise<void> = Promise.resolve();
self.onmessage = (event: MessageEvent<unknown>) => {
  const request = event.data;
  if (!isModelBenchRequest(request)) return;
  queue = queue.then(() =>
    handle(request).catch((error: unknown) => {
      self.postMessage({
        type: 'failed',
        requestId: request.requestId,
        message: error instanceof Error ? error.message : String(error),
      } satisfies ModelBenchEvent);
    }),
  );
};
