/// <reference lib="webworker" />
/** Entry of the dataset worker: h5wasm (browser build) with WORKERFS for user files, fetch for the sample. */
import h5wasm from 'h5wasm';
import { isDatasetRequest, type DatasetEvent, type DatasetRequest } from '../src/protocol/dataset-messages';
import { assertNever } from '../src/shared/assert-never';
import { createDatasetService, type ProgressCallback } from '../src/data/dataset-service';
import { fetchIntoMemoryFs, mountUserFile, removeFetchedFile, unmountUserFile } from '../src/data/hdf5/browser-files';

declare const self: DedicatedWorkerGlobalScope;

const service = createDatasetService(h5wasm, {
  async mountUserFile(file) {
    const module = await h5wasm.ready;
    const path = mountUserFile(module, file);
    return { path, release: () => unmountUserFile(module, path) };
  },
  async fetchFile(url, name) {
    const module = await h5wasm.ready;
    const path = await fetchIntoMemoryFs(module, url, name);
    return { path, release: () => removeFetchedFile(module, path) };
  },
});

function post(event: DatasetEvent): void {
  self.postMessage(event);
}

async function handle(request: DatasetRequest): Promise<void> {
  const onProgress: ProgressCallback = (done, total, label) =>
    post({ type: 'progress', requestId: request.requestId, done, total, label });
  switch (request.type) {
    case 'open-sample':
      return post({
        type: 'opened',
        requestId: request.requestId,
        summary: await service.openSample(request.url, request.name, onProgress),
      });
    case 'open-files':
      return post({
        type: 'opened',
        requestId: request.requestId,
        summary: await service.openFiles(request.files, onProgress),
      });
    default:
      return assertNever(request, 'dataset request');
  }
}

/** Requests run one at a time, so the dataset opened last is the one the page asked for last. */
let queue: Promise<void> = Promise.resolve();

self.onmessage = (event: MessageEvent<unknown>) => {
  const request = event.data;
  if (!isDatasetRequest(request)) return;
  queue = queue.then(() =>
    handle(request).catch((error: unknown) => {
      post({
        type: 'failed',
        requestId: request.requestId,
        message: error instanceof Error ? error.message : String(error),
      });
    }),
  );
};
