/**
 * Main-thread side of the trainer worker: one worker per run, `TrainerCommand`s in, `TrainerEvent`s out (parsed
 * with `isTrainerEvent`; anything else is ignored). A worker that dies — a load failure, an uncaught exception,
 * an unreadable message — is reported once as "The trainer worker stopped: …" and the client goes quiet.
 */
import { isTrainerEvent, type TrainerCommand, type TrainerEvent } from '../protocol/trainer-messages';

/** What the owner of a connection hears. */
export interface TrainerListener {
  event(event: TrainerEvent): void;
  /** The worker is gone; `message` is a full sentence for the user. Called at most once. */
  failure(message: string): void;
}

/** A running trainer as its owner (the run store) sees it; tests substitute a fake. */
export interface TrainerConnection {
  send(command: TrainerCommand): void;
  /** Terminates the worker; no event or failure is delivered afterwards. */
  dispose(): void;
}

export type TrainerConnector = (listener: TrainerListener) => TrainerConnection;

/** The part of `Worker` the client uses, so tests can hand in a fake. */
export interface WorkerLike {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
}

export function spawnTrainerWorker(): WorkerLike {
  return new Worker(new URL('../../workers/trainer.worker.ts', import.meta.url), { type: 'module', name: 'trainer' });
}

/** Buffers the command hands over rather than copies: a checkpoint to resume from. */
export function transferListOf(command: TrainerCommand): Transferable[] {
  return command.type === 'start' && command.checkpoint ? [command.checkpoint] : [];
}

export class TrainerClient implements TrainerConnection {
  private worker: WorkerLike | null;

  constructor(
    private readonly listener: TrainerListener,
    spawn: () => WorkerLike = spawnTrainerWorker,
  ) {
    const worker = spawn();
    this.worker = worker;
    worker.onmessage = (event) => {
      if (this.worker === worker && isTrainerEvent(event.data)) this.listener.event(event.data);
    };
    worker.onerror = (event) => {
      // The error is reported to the user here; stop the browser from also logging it as uncaught.
      event.preventDefault();
      this.fail(event.message || 'it failed to load or crashed without a message (see the browser console)');
    };
    worker.onmessageerror = () => this.fail('a message from it could not be read');
  }

  send(command: TrainerCommand): void {
    if (!this.worker) throw new Error('The trainer worker is not running');
    this.worker.postMessage(command, transferListOf(command));
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = null;
    worker?.terminate();
  }

  private fail(reason: string): void {
    if (!this.worker) return;
    this.dispose();
    this.listener.failure(`The trainer worker stopped: ${reason}`);
  }
}

/** The connector the run store uses outside tests. */
export const connectTrainer: TrainerConnector = (listener) => new TrainerClient(listener);
