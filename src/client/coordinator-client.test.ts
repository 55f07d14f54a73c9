import { describe, expect, it } from 'vitest';
import type { CoordinatorEvent } from '../protocol/coordinator-messages';
import { CoordinatorClient, type CoordinatorListener, type WorkerLike } from './coordinator-client';

class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent<unknown>) => void) | null = null;
  readonly posted: Array<{ message: unknown; transfer: Transferable[] }> = [];
  terminated = 0;
  postMessage(message: unknown, transfer: Transferable[]): void {
    this.posted.push({ message, transfer });
  }
  terminate(): void {
    this.terminated++;
  }
  reply(data: unknown): void {
    this.onmessage?.({ data } as MessageEvent<unknown>);
  }
  crash(message: string): { prevented: boolean } {
    const seen = { prevented: false };
    this.onerror?.({ message, preventDefault: () => void (seen.prevented = true) } as unknown as ErrorEvent);
    return seen;
  }
}

function connect(facts = { hardwareConcurrency: 4, hasWebGPU: false, isolated: true }): {
  worker: FakeWorker;
  trainers: FakeWorker[];
  client: CoordinatorClient;
  events: CoordinatorEvent[];
  failures: string[];
} {
  const worker = new FakeWorker();
  const trainers: FakeWorker[] = [];
  const events: CoordinatorEvent[] = [];
  const failures: string[] = [];
  const listener: CoordinatorListener = {
    event: (event) => void events.push(event),
    failure: (message) => void failures.push(message),
  };
  const spawnTrainer = () => {
    const trainer = new FakeWorker();
    trainers.push(trainer);
    return trainer;
  };
  return {
    worker,
    trainers,
    client: new CoordinatorClient(
      listener,
      () => worker,
      spawnTrainer,
      () => facts,
    ),
    events,
    failures,
  };
}

const config = (workers: number, strategy = 'ddp') => ({ training: { workers, strategy } }) as never;

describe('CoordinatorClient', () => {
  it('forwards well-formed events and drops anything else', () => {
    const { worker, events } = connect();
    worker.reply({ type: 'state', state: 'running' });
    worker.reply({ type: 'metrics', points: [] });
    worker.reply({ type: 'nonsense' });
    worker.reply('hello');
    worker.reply({ type: 'checkpoint', step: 1, bytes: 'not a buffer' });
    expect(events.map((event) => event.type)).toEqual(['state', 'metrics']);
  });

  it('posts commands, transferring a checkpoint to resume from', () => {
    const { worker, client } = connect();
    client.send({ type: 'pause' });
    const checkpoint = new ArrayBuffer(8);
    const dataset = { kind: 'sample', url: 'u', name: 'n' } as const;
    client.send({ type: 'start', config: config(1), dataset, checkpoint });
    expect(worker.posted[0]).toEqual({ message: { type: 'pause' }, transfer: [] });
    expect(worker.posted.at(-1)?.transfer).toEqual([checkpoint]);
  });

  it('starts the configured trainers, each wired to the coordinator by its own two channels', () => {
    const { worker, trainers, client, events } = connect();
    client.send({ type: 'start', config: config(3), dataset: { kind: 'sample', url: 'u', name: 'n' } });
    expect(trainers).toHaveLength(3);
    const attach = worker.posted[0]?.message as {
      type: string;
      control: MessagePort[];
      exchange: MessagePort[];
      isolated: boolean;
    };
    expect(attach.type).toBe('attach-trainers');
    expect(attach.control).toHaveLength(3);
    expect(attach.isolated).toBe(true);
    for (const trainer of trainers) expect((trainer.posted[0]?.message as { type: string }).type).toBe('connect');
    expect(events[0]).toEqual({
      type: 'log',
      level: 'info',
      message: '3 trainer workers: 3 trainers, as set in training.workers.',
    });
    // auto on a 4-core machine without WebGPU, and strategy single.
    const auto = connect();
    auto.client.send({ type: 'start', config: config(0), dataset: { kind: 'sample', url: 'u', name: 'n' } });
    expect(auto.trainers).toHaveLength(3);
    const single = connect();
    single.client.send({
      type: 'start',
      config: config(4, 'single'),
      dataset: { kind: 'sample', url: 'u', name: 'n' },
    });
    expect(single.trainers).toHaveLength(1);
  });

  it('reports a crashed or killed trainer to the coordinator by rank', () => {
    const { worker, trainers, client } = connect();
    client.send({ type: 'start', config: config(2), dataset: { kind: 'sample', url: 'u', name: 'n' } });
    trainers[1]?.crash('Uncaught Error: boom');
    client.killTrainer(0);
    const reports = worker.posted
      .map((p) => p.message)
      .filter((m) => (m as { type: string }).type === 'trainer-failed');
    expect(reports).toEqual([
      { type: 'trainer-failed', rank: 1, reason: 'Uncaught Error: boom' },
      { type: 'trainer-failed', rank: 0, reason: 'its worker was terminated' },
    ]);
    expect(trainers.map((t) => t.terminated)).toEqual([1, 1]);
  });

  it('reports a crash once as "The coordinator worker stopped: …", terminates the worker and goes quiet', () => {
    const { worker, client, events, failures } = connect();
    const seen = worker.crash('Uncaught RangeError: out of memory');
    worker.crash('again');
    worker.reply({ type: 'state', state: 'running' });
    expect(failures).toEqual(['The coordinator worker stopped: Uncaught RangeError: out of memory']);
    expect(seen.prevented).toBe(true);
    expect(worker.terminated).toBe(1);
    expect(events).toEqual([]);
    expect(() => client.send({ type: 'stop' })).toThrow(/not running/);
  });

  it('names a load failure without a message, and an unreadable message', () => {
    const first = connect();
    first.worker.crash('');
    expect(first.failures[0]).toMatch(/^The coordinator worker stopped: it failed to load or crashed/);
    const second = connect();
    second.worker.onmessageerror?.({} as MessageEvent<unknown>);
    expect(second.failures).toEqual(['The coordinator worker stopped: a message from it could not be read']);
  });

  it('dispose terminates the worker and silences it', () => {
    const { worker, client, events, failures } = connect();
    client.dispose();
    client.dispose();
    worker.reply({ type: 'state', state: 'running' });
    worker.crash('late');
    expect(worker.terminated).toBe(1);
    expect(events).toEqual([]);
    expect(failures).toEqual([]);
  });
});
