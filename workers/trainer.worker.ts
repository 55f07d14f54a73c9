/// <reference lib="webworker" />
/** Entry of the trainer worker: tfjs on WebGPU (CPU when WebGPU is missing), h5wasm with WORKERFS and fetch. */
import '@tensorflow/tfjs-backend-webgpu';
import h5wasm from 'h5wasm';
import { fetchIntoMemoryFs, mountUserFile, removeFetchedFile, unmountUserFile } from '../src/data/hdf5/browser-files';
import { isTrainerCommand, type TrainerEvent } from '../src/protocol/trainer-messages';
import { createTrainerService } from '../src/train/trainer-service';
import { prepareTrainingBackend } from '../src/train/training-backend';

declare const self: DedicatedWorkerGlobalScope;

const service = createTrainerService({
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
  async prepareBackend(mixedPrecision) {
    const prepared = await prepareTrainingBackend(self.navigator.gpu, mixedPrecision);
    if (prepared.notice) post({ type: 'log', level: 'warning', message: prepared.notice });
    return prepared;
  },
  post,
  async storeCheckpoint(fileName, bytes) {
    // Origin-private file system: checkpoints survive a reload without filling the downloads folder.
    if (!self.navigator.storage?.getDirectory) return null;
    const root = await self.navigator.storage.getDirectory();
    const folder = await root.getDirectoryHandle('checkpoints', { create: true });
    const handle = await folder.getFileHandle(fileName, { create: true });
    const access = await handle.createSyncAccessHandle();
    try {
      access.truncate(0);
      access.write(new Uint8Array(bytes), { at: 0 });
      access.flush();
    } finally {
      access.close();
    }
    return `checkpoints/${fileName}`;
  },
  yieldToEvents: () => new Promise((resolve) => setTimeout(resolve, 0)),
  now: () => performance.now(),
});

function post(event: TrainerEvent, transfer: Transferable[] = []): void {
  self.postMessage(event, transfer);
}

self.onmessage = (event: MessageEvent<unknown>) => {
  if (isTrainerCommand(event.data)) void service.handle(event.data);
};
