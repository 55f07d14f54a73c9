/**
 * Main-thread side of the dataset worker: one worker for the page's lifetime, requests matched to their answers
 * by id, progress forwarded to a callback. A worker that dies fails every pending request with a clear message.
 */
import { isDatasetEvent, type DatasetRequest, type DatasetSummary } from '../protocol/dataset-messages';

export interface DatasetProgress {
  readonly done: number;
  readonly total: number;
  readonly label: string;
}

interface Pending {
  resolve(summary: DatasetSummary): void;
  reject(error: Error): void;
  onProgress(progress: DatasetProgress): void;
}

/** Requests without their id: the client numbers them. */
type DatasetCommand = DatasetRequest extends infer R
  ? R extends DatasetRequest
    ? Omit<R, 'requestId'>
    : never
  : never;

export class DatasetClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor() {
    this.worker = new Worker(new URL('../../workers/dataset.worker.ts', import.meta.url), {
      type: 'module',
      name: 'dataset',
    });
    this.worker.onmessage = (event: MessageEvent<unknown>) => this.receive(event.data);
    this.worker.onerror = (event: ErrorEvent) =>
      this.failAll(`The dataset worker stopped: ${event.message || 'unknown error'}`);
  }

  openSample(url: string, name: string, onProgress: (p: DatasetProgress) => void): Promise<DatasetSummary> {
    return this.send({ type: 'open-sample', url, name }, onProgress);
  }

  openFiles(files: readonly File[], onProgress: (p: DatasetProgress) => void): Promise<DatasetSummary> {
    return this.send({ type: 'open-files', files }, onProgress);
  }

  dispose(): void {
    this.worker.terminate();
    this.failAll('The dataset worker was closed');
  }

  private send(command: DatasetCommand, onProgress: (p: DatasetProgress) => void): Promise<DatasetSummary> {
    const requestId = this.nextId++;
    const request: DatasetRequest = { ...command, requestId };
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject, onProgress });
      this.worker.postMessage(request);
    });
  }

  private receive(data: unknown): void {
    if (!isDatasetEvent(data)) return;
    const pending = this.pending.get(data.requestId);
    if (!pending) return;
    switch (data.type) {
      case 'progress':
        pending.onProgress({ done: data.done, total: data.total, label: data.label });
        return;
      case 'opened':
        this.pending.delete(data.requestId);
        pending.resolve(data.summary);
        return;
      case 'failed':
        this.pending.delete(data.requestId);
        pending.reject(new Error(data.message));
        return;
    }
  }

  private failAll(message: string): void {
    for (const pending of this.pending.values()) pending.reject(new Error(message));
    this.pending.clear();
  }
}
