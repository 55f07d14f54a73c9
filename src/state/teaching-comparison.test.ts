import { beforeEach, describe, expect, test } from 'vitest';
import type { CoordinatorConnector as TrainerConnector, CoordinatorListener as TrainerListener } from '../client/coordinator-client';
import { commitmentCost } from '../config/commitment-schedule';
import type { RunConfig } from '../protocol/run-config';
import type { RunCommand as TrainerCommand } from '../protocol/coordinator-messages';
import { browserRunConfig, withConfigValue } from './config/config-edit';
import { fakePoint } from './fake-metric-points.node';
import { COMPARISON_VARIANTS, comparisonConfig, resetTeachingComparison, startTeachingComparison, stopTeachingComparison, useTeachingComparison } from './teaching-comparison';

const dataset = { kind: 'sample', url: 'http://x/sample/sample-structs.h5', name: 'sample-structs.h5' } as const;

/** Every connection the code under test opens, each with its listener, commands and whether it was closed. */
class FakeTrainers {
  readonly opened: Array<{ listener: TrainerListener; commands: TrainerCommand[]; disposed: boolean }> = [];
  readonly connect: TrainerConnector = (listener) => {
    const entry = { listener, commands: [] as TrainerCommand[], disposed: false };
    this.opened.push(entry);
    return { send: (command) => void entry.commands.push(command), dispose: () => void (entry.disposed = true) };
  };
  config(k: number): RunConfig {
    const start = this.opened[k]?.commands[0];
    if (start?.type !== 'start') throw new Error(`connection ${k} did not start`);
    return start.config;
  }
  /** Plays a whole run on connection `k`: running, `steps` points with β from the trainer's schedule, finished. */
  play(k: number, steps: number): void {
    const entry = this.opened[k];
    if (!entry) throw new Error(`no connection ${k}`);
    const vq = this.config(k).vq;
    entry.listener.event({ type: 'state', state: 'running' });
    const beta = (t: number) => (vq.useCommitmentScheduling ? commitmentCost(t, { schedule: vq.commitmentSchedule, start: vq.commitmentStart, end: vq.commitmentCost, warmupSteps: vq.commitmentWarmupSteps }) : vq.commitmentCost);
    const points = Array.from({ length: steps }, (_, t) => fakePoint(t + 1, { commitmentCost: beta(t), perplexity: 2 + t, losses: { vq: 1 / (t + 1) } }));
    entry.listener.event({ type: 'metrics', points });
    entry.listener.event({ type: 'state', state: 'finished' });
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
let base: RunConfig;

beforeEach(() => {
  resetTeachingComparison();
  const seeded = withConfigValue(browserRunConfig(), 'data.seed', 42);
  if (!seeded.ok) throw new Error(seeded.message);
  base = seeded.config;
});

describe('comparisonConfig', () => {
  test('tiny model, two 32-residue crops, one trainer, N steps, the user’s seed; only the schedule differs', () => {
    const configs = COMPARISON_VARIANTS.map((variant) => comparisonConfig(variant, base, 12, 'sample-structs.h5'));
    for (const config of configs) {
      expect(config.model.preset).toBe('tiny');
      expect(config.training.batchSize).toBe(2);
      expect(config.data.maxResidues).toBe(32);
      expect(config.data.seed).toBe(42);
      expect(config.training.maxSteps).toBe(12);
      expect(config.training.workers).toBe(1);
      expect(config.vq.commitmentWarmupSteps).toBe(12);
      expect({ ...config, vq: null, logging: null }).toEqual({ ...configs[0], vq: null, logging: null });
    }
    expect(configs.map((c) => [c.vq.useCommitmentScheduling, c.vq.commitmentSchedule])).toEqual([
      [false, 'cosine'],
      [true, 'cosine'],
      [true, 'cosine_with_restart'],
    ]);
  });

  test('the three β curves differ within the run (hand values, start 0.1, end 0.9, T = 12)', () => {
    const [constant, cosine, restarts] = COMPARISON_VARIANTS.map((variant) => comparisonConfig(variant, base, 12, 'x').vq);
    const at = (vq: RunConfig['vq'] | undefined, t: number) =>
      vq?.useCommitmentScheduling ? commitmentCost(t, { schedule: vq.commitmentSchedule, start: vq.commitmentStart, end: vq.commitmentCost, warmupSteps: vq.commitmentWarmupSteps }) : vq?.commitmentCost;
    expect([0, 6, 11].map((t) => at(constant, t))).toEqual([0.9, 0.9, 0.9]);
    expect(at(cosine, 6)).toBeCloseTo(0.5, 12);
    // Period ⌊12/5⌋ = 2: half-way down at odd steps, back at the start at even ones.
    expect([0, 1, 2, 3].map((t) => at(restarts, t) ?? NaN).map((b) => Number(b.toFixed(12)))).toEqual([0.1, 0.5, 0.1, 0.5]);
  });
});

describe('startTeachingComparison', () => {
  test('one after the other: the next run starts when the previous one finished; points land per run', async () => {
    const trainers = new FakeTrainers();
    const done = startTeachingComparison(dataset, 'sample-structs.h5', base, { steps: 4 }, trainers.connect);
    expect(useTeachingComparison.getState().status).toBe('running');
    expect(trainers.opened).toHaveLength(1);
    for (let k = 0; k < 3; k++) {
      await flush();
      expect(trainers.opened).toHaveLength(k + 1);
      expect(trainers.opened[k]?.commands[0]).toMatchObject({ type: 'start', dataset });
      trainers.play(k, 4);
      expect(trainers.opened[k]?.disposed).toBe(true);
    }
    await done;
    const state = useTeachingComparison.getState();
    expect(state.status).toBe('done');
    expect(state.runs.map((r) => [r.id, r.status, r.points.length])).toEqual([
      ['constant', 'finished', 4],
      ['cosine', 'finished', 4],
      ['restarts', 'finished', 4],
    ]);
    // Cosine over T = 4: 0.9 − 0.4·(1 + cos(πt/4)); restarts: period ⌊4/5⌋ → 1 step, so every step restarts at 0.1.
    const cosine = [0, 1, 2, 3].map((t) => 0.9 - 0.4 * (1 + Math.cos((Math.PI * t) / 4)));
    state.runs[1]?.points.forEach((p, t) => expect(p.commitmentCost).toBeCloseTo(cosine[t] as number, 12));
    expect(cosine[1]).toBeCloseTo(0.2171572875, 9);
    state.runs[2]?.points.forEach((p) => expect(p.commitmentCost).toBeCloseTo(0.1, 12));
    expect(state.runs[0]?.points.map((p) => p.commitmentCost)).toEqual([0.9, 0.9, 0.9, 0.9]);
    expect(state.runs[1]?.points[3]).toMatchObject({ step: 4, perplexity: 5, vqLoss: 0.25 });
  });

  test('concurrent: all three start at once; a failed run is reported and the others go on', async () => {
    const trainers = new FakeTrainers();
    const done = startTeachingComparison(dataset, 'sample-structs.h5', base, { steps: 3, concurrent: true }, trainers.connect);
    expect(trainers.opened).toHaveLength(3);
    trainers.opened[1]?.listener.failure('The trainer worker stopped: out of memory');
    trainers.play(0, 3);
    trainers.play(2, 3);
    await done;
    const runs = useTeachingComparison.getState().runs;
    expect(runs.map((r) => r.status)).toEqual(['finished', 'failed', 'finished']);
    expect(runs[1]?.error).toContain('out of memory');
    expect(trainers.opened.every((c) => c.disposed)).toBe(true);
  });

  test('stop closes the run in flight, never starts the rest, and later events change nothing', async () => {
    const trainers = new FakeTrainers();
    const done = startTeachingComparison(dataset, 'sample-structs.h5', base, { steps: 5 }, trainers.connect);
    trainers.opened[0]?.listener.event({ type: 'state', state: 'running' });
    trainers.opened[0]?.listener.event({ type: 'metrics', points: [fakePoint(1)] });
    stopTeachingComparison();
    await done;
    trainers.opened[0]?.listener.event({ type: 'metrics', points: [fakePoint(2)] });
    await flush();
    const state = useTeachingComparison.getState();
    expect(trainers.opened).toHaveLength(1);
    expect(trainers.opened[0]?.disposed).toBe(true);
    expect(state.status).toBe('stopped');
    expect(state.runs.map((r) => [r.status, r.points.length])).toEqual([
      ['stopped', 1],
      ['stopped', 0],
      ['stopped', 0],
    ]);
  });
});
