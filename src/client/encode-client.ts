/**
 * Main-thread side of the encode worker: one job at a time. Starting a job while another runs ends the worker (the
 * only way to stop a tight loop of forward passes) and starts a fresh one; the old job is answered as cancelled.
 */
import { assertNever } from '../shared/assert-never';
import { isEncodeEvent, type EncodeCommand, type EncodeEvent, type EncodeResult } from '../protocol/encode-messages';

export interface EncodeProgress {
  readonly done: number;
  readonly total: number;
  readonly proteinId: string;
}

export interface EncodeCallbacks {
  onProgress(progress: EncodeProgress): void;
  onLog(message: string): void;
}

export type EncodeJob = Omit<EncodeCommand, 'type' | 'job'>;

interface Running {
  readonly job: number;
  readonly callbacks: EncodeCallbacks;
  resolve(result: EncodeResult): void;
  reject(error: Error): void;
}

export class EncodeClient {
  private worker: Worker | null = null;
  private running: Running | null = null;
  private nextJob = 1;

  /** Encodes `job.dataset` with `job.weights`; the weights' bytes are transferred (the caller's copy is emptied). */
  encode(job: EncodeJob, callbacks: EncodeCallbacks): Promise<EncodeResult> {
    if (this.running) this.cancel();
    const worker = this.ensureWorker();
    const command: EncodeCommand = { type: 'encode', job: this.nextJob++, ...job };
    return new Promise((resolve, reject) => {
      this.running = { job: command.job, callbacks, resolve, reject };
      worker.postMessage(command, [job.weights.bytes]);
    });
  }

  /** Ends the job in flight, if any (its promise rejects with "cancelled"). */
  cancel(): void {
    this.worker?.terminate();
    this.worker = null;
    this.finish((running) => running.reject(new Error('Encoding cancelled')));
  }

  dispose(): void {
    this.cancel();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('../../workers/encode.worker.ts', import.meta.url), {
      type: 'module',
      name: 'encode',
    });
    worker.onmessage = (event: MessageEvent<unknown>) => {
      if (isEncodeEvent(event.data)) this.receive(event.data);
    };
    worker.onerror = (event: ErrorEvent) => {
      this.worker = null;
      worker.terminate();
      this.finish((running) =>
        running.reject(new Error(`The encode worker stopped: ${event.message || 'unknown error'}`)),
      );
    };
    this.worker = worker;
    return worker;
  }

  private finish(settle: (running: Running) => void): void {
    const running = this.running;
    this.running = null;
    if (running) settle(running);
  }

  private receive(event: EncodeEvent): void {
    const running = this.running;
    if (!running || event.job !== running.job) return;
    switch (event.type) {
      case 'progress':
        return running.callbacks.onProgress({ done: event.done, total: event.total, proteinId: event.proteinId });
      case 'log':
        return running.callbacks.onLog(event.message);
      case 'result':
        return this.finish((r) => r.resolve(event.result));
      case 'failed':
        return this.finish((r) => r.reject(new Error(event.message)));
      default:
        assertNever(event, 'encode event');
    }
  }
}
