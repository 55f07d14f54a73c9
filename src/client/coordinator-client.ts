/**
 * Main-thread side of a run: the coordinator worker (commands in, `CoordinatorEvent`s out, parsed with
 * `isCoordinatorEvent`; anything else is ignored) and, when a run starts, its trainer workers — as many as the config
 * asks for (or `chooseTrainerCount` picks for "auto"), each wired to the coordinator with its own MessageChannels so
 * gradients never pass through this thread. A coordinator that dies is reported once as "The coordinator worker
 * stopped: …" and the client goes quiet; a trainer worker that dies is reported to the coordinator by rank, which
 * pauses the run.
 */
import { chooseTrainerCount } from '../protocol/trainer-count';
import {
  isCoordinatorEvent,
  type CoordinatorCommand,
  type CoordinatorEvent,
  type RunCommand,
} from '../protocol/coordinator-messages';
import type { TrainerConnect } from '../protocol/replica-messages';
import type { RunConfig } from '../protocol/run-config';

/** What the owner of a connection hears. */
export interface CoordinatorListener {
  event(event: CoordinatorEvent): void;
  /** The worker is gone; `message` is a full sentence for the user. Called at most once. */
  failure(message: string): void;
}

/** A running trainer as its owner (the run store) sees it; tests substitute a fake. */
export interface CoordinatorConnection {
  send(command: RunCommand): void;
  /** Terminates the workers; no event or failure is delivered afterwards. */
  dispose(): void;
  /** Fault-handling tests: terminates trainer `rank`'s worker as a crash would end it. */
  killTrainer?(rank: number): void;
}

export type CoordinatorConnector = (listener: CoordinatorListener) => CoordinatorConnection;

/** The part of `Worker` the client uses, so tests can hand in a fake. */
export interface WorkerLike {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
}

/** What the page knows about this browser when it decides how many trainers to start. */
export interface BrowserFacts {
  readonly hardwareConcurrency: number | undefined;
  readonly hasWebGPU: boolean;
  /** `crossOriginIsolated`: SharedArrayBuffer is available for the gradient exchange. */
  readonly isolated: boolean;
}

export function spawnCoordinatorWorker(): WorkerLike {
  return new Worker(new URL('../../workers/coordinator.worker.ts', import.meta.url), {
    type: 'module',
    name: 'coordinator',
  });
}

export function spawnTrainerWorker(rank: number): WorkerLike {
  return new Worker(new URL('../../workers/trainer.worker.ts', import.meta.url), {
    type: 'module',
    name: `trainer-${rank}`,
  });
}

/** This browser's facts (cores, WebGPU, cross-origin isolation). */
export function browserFacts(): BrowserFacts {
  return {
    hardwareConcurrency: navigator.hardwareConcurrency,
    hasWebGPU: 'gpu' in navigator,
    isolated: globalThis.crossOriginIsolated === true,
  };
}

/** How many trainers this run gets, and why (for the run log). */
export function trainersFor(config: RunConfig, facts: BrowserFacts): { count: number; reason: string } {
  if (config.training.strategy === 'single') return { count: 1, reason: 'strategy single: one trainer' };
  const { backend } = config.training;
  const resolved = backend === 'auto' ? (facts.hasWebGPU ? 'webgpu' : 'wasm') : backend;
  return chooseTrainerCount(config.training.workers, facts.hardwareConcurrency, resolved);
}

/** Buffers the command hands over rather than copies: a checkpoint to resume from. */
export function transferListOf(command: RunCommand): Transferable[] {
  return command.type === 'start' && command.checkpoint ? [command.checkpoint] : [];
}

export class CoordinatorClient implements CoordinatorConnection {
  private worker: WorkerLike | null;
  private trainers: (WorkerLike | null)[] = [];

  constructor(
    private readonly listener: CoordinatorListener,
    spawn: () => WorkerLike = spawnCoordinatorWorker,
    private readonly spawnTrainer: (rank: number) => WorkerLike = spawnTrainerWorker,
    private readonly facts: () => BrowserFacts = browserFacts,
  ) {
    const worker = spawn();
    this.worker = worker;
    worker.onmessage = (event) => {
      if (this.worker === worker && isCoordinatorEvent(event.data)) this.listener.event(event.data);
    };
    worker.onerror = (event) => {
      // The error is reported to the user here; stop the browser from also logging it as uncaught.
      event.preventDefault();
      this.fail(event.message || 'it failed to load or crashed without a message (see the browser console)');
    };
    worker.onmessageerror = () => this.fail('a message from it could not be read');
  }

  send(command: RunCommand): void {
    if (!this.worker) throw new Error('The coordinator worker is not running');
    if (command.type === 'start') this.startTrainers(command.config);
    this.post(command, transferListOf(command));
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = null;
    worker?.terminate();
    this.stopTrainers();
  }

  killTrainer(rank: number): void {
    const trainer = this.trainers[rank];
    if (!trainer) return;
    trainer.terminate();
    this.trainers[rank] = null;
    this.post({ type: 'trainer-failed', rank, reason: 'its worker was terminated' });
  }

  private post(command: CoordinatorCommand, transfer: Transferable[] = []): void {
    this.worker?.postMessage(command, transfer);
  }

  private stopTrainers(): void {
    for (const trainer of this.trainers) trainer?.terminate();
    this.trainers = [];
  }

  /** A fresh set of trainer workers for each run, each joined to the coordinator by two channels. */
  private startTrainers(config: RunConfig): void {
    this.stopTrainers();
    const facts = this.facts();
    const { count, reason } = trainersFor(config, facts);
    this.listener.event({
      type: 'log',
      level: 'info',
      message: `${count} trainer worker${count === 1 ? '' : 's'}: ${reason}`,
    });
    const control: MessagePort[] = [];
    const exchange: MessagePort[] = [];
    for (let rank = 0; rank < count; rank++) {
      const trainer = this.spawnTrainer(rank);
      const commands = new MessageChannel();
      const sums = new MessageChannel();
      const connect: TrainerConnect = { type: 'connect', control: commands.port2, exchange: sums.port2 };
      trainer.postMessage(connect, [commands.port2, sums.port2]);
      trainer.onerror = (event) => {
        event.preventDefault();
        if (this.trainers[rank] !== trainer) return;
        this.trainers[rank] = null;
        trainer.terminate();
        this.post({ type: 'trainer-failed', rank, reason: event.message || 'its worker crashed without a message' });
      };
      control.push(commands.port1);
      exchange.push(sums.port1);
      this.trainers.push(trainer);
    }
    this.post({ type: 'attach-trainers', control, exchange, isolated: facts.isolated }, [...control, ...exchange]);
  }

  private fail(reason: string): void {
    if (!this.worker) return;
    this.dispose();
    this.listener.failure(`The coordinator worker stopped: ${reason}`);
  }
}

/** The connector the run store uses outside tests. */
export const connectCoordinator: CoordinatorConnector = (listener) => new CoordinatorClient(listener);
