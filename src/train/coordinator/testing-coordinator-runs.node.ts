/**
 * Test helpers for runs through the coordinator and replica services (`parallelHarness`): start a run and pause it
 * at a step, keep it going until a step, inject a fault, take a checkpoint, and read steps and states from the events.
 */
import { decodeCheckpoint } from '../../formats/checkpoint-codec';
import type {
  CoordinatorCommand,
  CoordinatorEvent,
  InitialWeights,
  InjectedFault,
  TrainerFault,
} from '../../protocol/coordinator-messages';
import { parallelHarness, SAMPLE_DATASET, type ParallelHarness } from '../parallel/testing-parallel-run.node';
import { smallRunConfig } from '../trainer/testing-sample-source.node';

export type Weights = Record<string, { shape: number[]; data: Float32Array }>;

export const isCheckpoint = (e: CoordinatorEvent): e is Extract<CoordinatorEvent, { type: 'checkpoint' }> =>
  e.type === 'checkpoint';
/** Optimizer steps reported in metrics, in order. */
export const steps = (h: ParallelHarness) =>
  h.events.flatMap((e) => (e.type === 'metrics' ? e.points.map((p) => p.step) : []));
/** Run states announced, in order. */
export const states = (h: ParallelHarness) => h.events.flatMap((e) => (e.type === 'state' ? [e.state] : []));

/** Asks for a checkpoint and returns its weights and step. */
export async function save(h: ParallelHarness): Promise<{ bytes: ArrayBuffer; weights: Weights; step: number }> {
  const before = h.events.filter(isCheckpoint).length;
  await h.handle({ type: 'save-checkpoint' });
  const event = await h.waitFor((e) => isCheckpoint(e) && h.events.filter(isCheckpoint).indexOf(e) === before);
  if (!isCheckpoint(event)) throw new Error('no checkpoint');
  const bytes = event.bytes.slice(0);
  const contents = decodeCheckpoint(bytes) as { weights: Weights };
  return { bytes, weights: contents.weights, step: event.step };
}

/** Runs `trainers` replicas until `pauseAt` optimizer steps are done, then pauses. */
export async function runUntil(
  trainers: number,
  pauseAt: number,
  config = smallRunConfig(),
  options: { isolated?: boolean; checkpoint?: ArrayBuffer; weights?: InitialWeights } = {},
): Promise<ParallelHarness> {
  const h = parallelHarness(trainers, {
    isolated: options.isolated ?? true,
    onStep: (step, self) => step === pauseAt && void self.handle({ type: 'pause' }),
  });
  const origin = options.checkpoint
    ? { checkpoint: options.checkpoint }
    : options.weights
      ? { weights: options.weights }
      : {};
  await h.handle({ type: 'start', config, dataset: SAMPLE_DATASET, ...origin });
  return h;
}

/**
 * Sends `command`, which keeps the run stepping (resume, continue), waits until step `step` is reported, then sends
 * `then` (pause, stop) and waits for `command` to finish.
 */
export async function runOnUntil(
  h: ParallelHarness,
  command: CoordinatorCommand,
  step: number,
  then: CoordinatorCommand,
): Promise<void> {
  const running = h.handle(command);
  await h.waitFor((e) => e.type === 'metrics' && e.points.some((p) => p.step === step));
  await h.handle(then);
  await running;
}

/** `batchSize` proteins per trainer on `workers` trainers, replicas compared every 2 steps. */
export const ddpConfig = (batchSize: number, workers: number) =>
  smallRunConfig({ training: { batchSize, workers, checksumEvery: 2 } });

/** Two trainers; rank 1 shows `fault` at step 3 (or its worker is killed after step 2). The fault the run reports. */
export async function faultAt(
  fault: InjectedFault | 'kill',
  config = ddpConfig(2, 2),
): Promise<{ h: ParallelHarness; fault: TrainerFault }> {
  const h = parallelHarness(2, {
    onStep: (step, self) => {
      if (step === 2 && fault === 'kill') self.kill(1);
    },
  });
  if (fault !== 'kill') await h.handle({ type: 'inject-fault', rank: 1, fault, atStep: 3 });
  await h.handle({ type: 'start', config, dataset: SAMPLE_DATASET });
  const event = await h.waitFor((e) => e.type === 'fault');
  if (event.type !== 'fault') throw new Error('no fault');
  return { h, fault: event.fault };
}
