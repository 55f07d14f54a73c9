/**
 * Test harness: a coordinator and N trainer replicas in one Node thread, joined by real MessageChannels exactly as
 * the page wires the workers (control + exchange port per trainer), on the tfjs CPU backend and the bundled
 * sample. Faults are injected through the same commands the browser tests use.
 */
import h5wasm from 'h5wasm/node';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort as NodePort } from 'node:worker_threads';
import { isReplicaCommand } from '../../protocol/replica-messages';
import type { CoordinatorCommand, CoordinatorEvent, TrainingDataset } from '../../protocol/coordinator-messages';
import { createCoordinatorService } from '../coordinator/coordinator-service';
import type { PortLike } from './message-sum';
import { createReplicaService } from './replica-service';

const SAMPLE = fileURLToPath(new URL('../../../public/sample/sample-structs.h5', import.meta.url));
export const SAMPLE_DATASET: TrainingDataset = { kind: 'sample', url: SAMPLE, name: 'sample-structs.h5' };

/** Node's MessagePort as the exchange sees a port (Node implements `onmessage`; its types leave it out). */
const asPort = (port: NodePort) => port as unknown as PortLike & { close(): void };

export interface ParallelHarness {
  readonly events: CoordinatorEvent[];
  handle(command: CoordinatorCommand): Promise<void>;
  /** Ends trainer `rank` as a crashed worker ends: its ports close and the page reports it. */
  kill(rank: number): void;
  close(): void;
  /** Resolves once an event matching `predicate` has been posted. */
  waitFor(predicate: (event: CoordinatorEvent) => boolean): Promise<CoordinatorEvent>;
}

export function parallelHarness(
  trainers: number,
  options: { isolated?: boolean; onStep?: (step: number, harness: ParallelHarness) => void } = {},
): ParallelHarness {
  const events: CoordinatorEvent[] = [];
  const waiters: { predicate: (e: CoordinatorEvent) => boolean; resolve(e: CoordinatorEvent): void }[] = [];
  const ports: (PortLike & { close(): void })[] = [];
  let harness: ParallelHarness;
  const coordinator = createCoordinatorService(
    {
      post(event) {
        events.push(event);
        if (event.type === 'metrics') for (const p of event.points) options.onStep?.(p.step, harness);
        for (const w of [...waiters])
          if (w.predicate(event)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(event);
          }
      },
      yieldToEvents: () => new Promise((resolve) => setImmediate(resolve)),
      now: () => performance.now(),
    },
    0,
  );
  const control: PortLike[] = [];
  const exchange: PortLike[] = [];
  for (let rank = 0; rank < trainers; rank++) {
    const commands = new MessageChannel();
    const sums = new MessageChannel();
    const [trainerSide, sumSide] = [asPort(commands.port2), asPort(sums.port2)];
    ports.push(asPort(commands.port1), asPort(sums.port1), trainerSide, sumSide);
    let lost: string | null = null;
    const replica = createReplicaService({
      h5: h5wasm,
      openDataset: async () => ({ path: SAMPLE, name: 'sample-structs.h5', release: () => undefined }),
      prepareBackend: async () => ({ backend: 'cpu', features: [] }),
      exchangePort: sumSide,
      post: (event, transfer) => trainerSide.postMessage(event, (transfer ?? []) as ArrayBuffer[]),
      // The CPU has no device to lose: the failure is simulated as a device that reports `lost` at once.
      loseDevice: () => {
        lost = 'destroyed (simulated)';
        return true;
      },
      deviceLost: () => lost,
    });
    trainerSide.onmessage = (message) => {
      if (isReplicaCommand(message.data)) void replica.handle(message.data);
    };
    control.push(asPort(commands.port1));
    exchange.push(asPort(sums.port1));
  }
  harness = {
    events,
    handle: (command) => coordinator.handle(command),
    kill(rank) {
      // The replica's ports go quiet (a terminated worker answers nothing), and the page reports the death.
      ports[4 * rank + 2]?.close();
      ports[4 * rank + 3]?.close();
      void coordinator.handle({ type: 'trainer-failed', rank, reason: 'its worker was terminated' });
    },
    close() {
      for (const port of ports) port.close();
    },
    waitFor(predicate) {
      const seen = events.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
  };
  void coordinator.handle({
    type: 'attach-trainers',
    control: control as unknown as MessagePort[],
    exchange: exchange as unknown as MessagePort[],
    isolated: options.isolated ?? true,
  });
  return harness;
}
