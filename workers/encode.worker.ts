/// <reference lib="webworker" />
/**
 * Entry of the encode worker: runs a weights file's tokenizer over a dataset (src/train/encode/encode-service.ts),
 * with h5wasm (the sample fetched into memory, a picked file mounted in place) and the run's tfjs backend.
 */
import h5wasm from 'h5wasm';
import { fetchIntoMemoryFs, mountUserFile, removeFetchedFile, unmountUserFile } from '../src/data/hdf5/browser-files';
import { isEncodeCommand } from '../src/protocol/encode-messages';
import { createEncodeService } from '../src/train/encode/encode-service';
import { prepareTrainingBackend } from '../src/train/backends/training-backend';

declare const self: DedicatedWorkerGlobalScope;

const service = createEncodeService({
  h5: h5wasm,
  async openDataset(dataset) {
    const module = await h5wasm.ready;
    if (dataset.kind === 'sample') {
      const path = await fetchIntoMemoryFs(module, dataset.url, dataset.name);
      return { path, name: dataset.name, release: () => removeFetchedFile(module, path) };
    }
    const path = mountUserFile(module, dataset.file);
    return { path, name: dataset.file.name, release: () => unmountUserFile(module, path) };
  },
  async prepareBackend(choice) {
    return (await prepareTrainingBackend(self.navigator.gpu, false, choice)).backend;
  },
  post: (event) => self.postMessage(event),
});

self.onmessage = (message: MessageEvent<unknown>) => {
  if (isEncodeCommand(message.data)) void service.handle(message.data);
};
