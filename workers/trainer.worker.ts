/// <reference lib="webworker" />
/**
 * Entry of a trainer worker: one data-parallel replica on its own WebGPU device (WebAssembly when WebGPU is missing),
 * h5wasm with WORKERFS and fetch. The page hands it two ports once (`connect`): commands from the coordinator,
 * and the port for the message form of the gradient exchange.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import h5wasm from 'h5wasm';
import { fetchIntoMemoryFs, mountUserFile, removeFetchedFile, unmountUserFile } from '../src/data/hdf5/browser-files';
import { isReplicaCommand, isTrainerConnect, type ReplicaEvent } from '../src/protocol/replica-messages';
import { createReplicaService } from '../src/train/parallel/replica-service';
import { prepareTrainingBackend } from '../src/train/backends/training-backend';

declare const self: DedicatedWorkerGlobalScope;

let lost: string | null = null;
let gpuError: string | null = null;
const device = () => (tf.getBackend().startsWith('webgpu') ? (tf.backend() as WebGPUBackend).device : null);

self.onmessage = (message: MessageEvent<unknown>) => {
  if (!isTrainerConnect(message.data)) return;
  const { control, exchange } = message.data;
  const post = (event: ReplicaEvent, transfer: Transferable[] = []) => control.postMessage(event, transfer);
  const service = createReplicaService({
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
    async prepareBackend(mixedPrecision, choice) {
      const prepared = await prepareTrainingBackend(self.navigator.gpu, mixedPrecision, choice);
      post({ type: 'log', level: prepared.fallback ? 'warning' : 'info', message: prepared.reason });
      const gpu = device();
      if (gpu) {
        gpu.onuncapturederror = (event) => {
          // Out-of-memory gets words the fault message recognises; other validation errors keep their own.
          gpuError ??=
            event.error instanceof GPUOutOfMemoryError
              ? `out of memory: ${event.error.message}`
              : `GPU error: ${event.error.message}`;
        };
      }
      void gpu?.lost.then((info) => {
        lost = info.message || info.reason || 'device lost';
        service.reportDeviceLost(lost);
      });
      return prepared;
    },
    exchangePort: exchange,
    post,
    loseDevice() {
      const gpu = device();
      gpu?.destroy();
      return gpu !== null;
    },
    deviceLost: () => lost,
    takeGpuError() {
      const error = gpuError;
      gpuError = null;
      return error;
    },
  });
  control.onmessage = (event: MessageEvent<unknown>) => {
    if (isReplicaCommand(event.data)) void service.handle(event.data);
  };
};
