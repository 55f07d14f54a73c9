/// <reference lib="webworker" />
/**
 * Entry of the coordinator worker: drives the trainer workers (ports handed over by the page), runs the gradient
 * exchange, streams merged metrics to the page, and keeps checkpoints in the origin-private file system.
 */
import { isCoordinatorCommand, type CoordinatorEvent } from '../src/protocol/coordinator-messages';
import { createCoordinatorService } from '../src/train/coordinator/coordinator-service';

declare const self: DedicatedWorkerGlobalScope;

const service = createCoordinatorService({
  post: (event: CoordinatorEvent, transfer: Transferable[] = []) => self.postMessage(event, transfer),
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

self.onmessage = (event: MessageEvent<unknown>) => {
  if (isCoordinatorCommand(event.data)) void service.handle(event.data);
};
