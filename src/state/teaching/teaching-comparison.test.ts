import { beforeEach, describe, expect, test } from 'vitest';
import type { CoordinatorConnector, CoordinatorListener } from '../../client/coordinator-client';
import { commitmentCost } from '../../config/commitment-schedule';
import type { RunConfig } from '../../protocol/run-config';
import type { RunCommand } from '../../protocol/coordinator-messages';
import { browserRunConfig, withConfigValues } from '../config/config-edit';
import { fakePoint } from '../fake-metric-points.node';
import {
  resetTeachingComparison,
  SNAPSHOT_EVERY,
  startTeachingComparison,
  stopTeachingComparison,
  useTeachingComparison,
} from './teaching-comparison';
import { COMPARISON_ARMS, COMPARISON_SCENARIO, comparisonConfig } from './comparison-scenario';

const dataset = { kind: 'sample', url: 'http://x/sample/sample-structs.h5', name: 'sample-structs.h5' } as const;

/** Every connection the code under test opens, each with its listener, commands and whether it was closed. */
class FakeTrainers {
  readonly opened: Array<{ listener: CoordinatorListener; commands: RunCommand[]; disposed: boolean }> = [];
  readonly connect: CoordinatorConnector = (listener) => {
    const entry = { listener, commands: [] as RunCommand[], disposed: false };
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
    const beta = (t: number) =>
      vq.useCommitmentScheduling
        ? commitmentCost(t, {
            schedule: vq.commitmentSchedule,
            start: vq.commitmentStart,
            end: vq.commitmentCost,
            warmupSteps: vq.commitmentWarmupSteps,
          })
        : vq.commitmentCost;
    const points = Array.from({ length: steps }, (_, t) =>
      fakePoint(t + 1, {
        commitmentCost: beta(t),
        perplexity: 2 + t,
        usedCodes: 3 + t,
        total: 5,
        weightedLosses: { vq: 1 / (t + 1) },
      }),
    );
    entry.listener.event({ type: 'metrics', points });
    entry.listener.event({ type: 'state', state: 'finished' });
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
let base: RunConfig;

beforeEach(() => {
  resetTeachingComparison();
  base = withConfigValues(browserRunConfig(), [
    ['data.seed', 42],
    ['training.backend', 'wasm'],
    ['model.preset', 'foldtree2'],
    ['training.learningRate', 0.5],
  ]);
});

describe('comparisonConfig', () => {
  test('the measured scenario on the user’s backend and precision, for the given seed; only the schedule differs', () => {
    const configs = COMPARISON_ARMS.map((arm) => comparisonConfig(arm, base, 12, 43, 'sample-structs.h5'));
    for (const config of configs) {
      expect(config.model.preset).toBe('tiny');
      expect(config.model.numEmbeddings).toBe(COMPARISON_SCENARIO.codes);
      expect(config.vq.codebookInit).toBe('encoder');
      expect(config.vq.ema).toBe(true);
      expect(config.training.batchSize).toBe(2);
      expect(config.data.maxResidues).toBe(32);
      expect(config.data.seed).toBe(43);
      expect(config.data.dataset).toBe('sample-structs.h5');
      expect(config.training.backend).toBe('wasm');
      expect(config.training.learningRate).toBe(COMPARISON_SCENARIO.learningRate);
      expect(config.optimizer.useMuon).toBe(false);
      expect(config.losses.vqWeight).toBe(1);
      expect(config.training.maxSteps).toBe(12);
      expect(config.training.workers).toBe(1);
      expect(config.vq.commitmentWarmupSteps).toBe(12);
      expect([config.vq.commitmentStart, config.vq.commitmentCost]).toEqual([0, 1]);
      expect({ ...config, vq: null, logging: null }).toEqual({ ...configs[0], vq: null, logging: null });
    }
    expect(configs.map((c) => [c.vq.useCommitmentScheduling, c.vq.commitmentSchedule])).toEqual([
      [false, 'cosine'],
      [true, 'cosine'],
      [true, 'cosine_with_restart'],
    ]);
  });

  test('the three β curves differ within the run (hand values, start 0, end 1, T = 12)', () => {
    const [constant, cosine, restarts] = COMPARISON_ARMS.map((arm) => comparisonConfig(arm, base, 12, 1, 'x').vq);
    const at = (vq: RunConfig['vq'] | undefined, t: number) =>
      vq?.useCommitmentScheduling
        ? commitmentCost(t, {
            schedule: vq.commitmentSchedule,
            start: vq.commitmentStart,
            end: vq.commitmentCost,
            warmupSteps: vq.commitmentWarmupSteps,
          })
        : vq?.commitmentCost;
    expect([0, 6, 11].map((t) => at(constant, t))).toEqual([1, 1, 1]);
    expect(at(cosine, 6)).toBeCloseTo(0.5, 12);
    // Period ⌊12/5⌋ = 2: half-way up at odd steps, back at the start at even ones.
    expect([0, 1, 2, 3].map((t) => at(restarts, t) ?? NaN).map((b) => Number(b.toFixed(12)))).toEqual([0, 0.5, 0, 0.5]);
  });
});

describe('startTeachingComparison', () => {
  test('one after the other, seed by seed: every schedule of seed 42, then 43, then 44; points land per run', async () => {
    const trainers = new FakeTrainers();
    const done = startTeachingComparison(dataset, 'sample-structs.h5', base, { steps: 4 }, trainers.connect);
    expect(useTeachingComparison.getState().status).toBe('running');
    expect(useTeachingComparison.getState().seeds).toEqual([42, 43, 44]);
    for (let k = 0; k < 9; k++) {
      await flush();
      expect(trainers.opened).toHaveLength(k + 1);
      expect(trainers.opened[k]?.commands[0]).toMatchObject({ type: 'start', dataset });
      trainers.play(k, 4);
      expect(trainers.opened[k]?.disposed).toBe(true);
    }
    await done;
    const state = useTeachingComparison.getState();
    expect(state.status).toBe('done');
    expect(
      trainers.opened.map((_, k) => [
        trainers.config(k).data.seed,
        trainers.config(k).vq.useCommitmentScheduling,
        trainers.config(k).vq.commitmentSchedule,
      ]),
    ).toEqual(
      [42, 43, 44].flatMap((seed) => [
        [seed, false, 'cosine'],
        [seed, true, 'cosine'],
        [seed, true, 'cosine_with_restart'],
      ]),
    );
    expect(state.runs.map((r) => [r.key, r.status, r.points.length])).toEqual(
      [42, 43, 44].flatMap((seed) => COMPARISON_ARMS.map((arm) => [`${arm.id}:${seed}`, 'finished', 4])),
    );
    // Cosine over T = 4 from 0 to 1: 0.5·(1 − cos(πt/4)).
    const cosine = [0, 1, 2, 3].map((t) => 0.5 * (1 - Math.cos((Math.PI * t) / 4)));
    state.runs[1]?.points.forEach((p, t) => expect(p.commitmentCost).toBeCloseTo(cosine[t] as number, 12));
    expect(state.runs[0]?.points.map((p) => p.commitmentCost)).toEqual([1, 1, 1, 1]);
    // Reconstruction: the total (5) without the weighted VQ term 1/step.
    expect(state.runs[1]?.points[3]).toMatchObject({ step: 4, perplexity: 5, usedCodes: 6, reconstruction: 4.75 });
  });

  test('runs of the first seed are asked for codebook snapshots as they go and keep the newest; other seeds are not asked', async () => {
    const trainers = new FakeTrainers();
    const steps = 2 * SNAPSHOT_EVERY + 10;
    const done = startTeachingComparison(dataset, 'sample-structs.h5', base, { steps, lanes: 9 }, trainers.connect);
    expect(trainers.opened).toHaveLength(9);
    const first = trainers.opened[0];
    first?.listener.event({ type: 'state', state: 'running' });
    for (let step = 1; step <= steps; step++) first?.listener.event({ type: 'metrics', points: [fakePoint(step)] });
    const asked = first?.commands.filter((c) => c.type === 'encode-protein').length;
    // At the first point, every SNAPSHOT_EVERY steps after it, and once more a few steps before the end.
    expect(asked).toBe(4);
    const tokens = (step: number) => ({
      proteinId: 'p',
      sequence: 'AC',
      codes: [0, 1],
      plddt: null,
      codebookSize: 2,
      vectors: { dim: 1, codebook: [0, step], outputs: [0, 1] },
    });
    first?.listener.event({ type: 'tokens', step: 41, tokens: tokens(41) });
    first?.listener.event({ type: 'tokens', step: 21, tokens: tokens(21) });
    expect(useTeachingComparison.getState().runs[0]?.snapshot?.step).toBe(41);
    const later = trainers.opened[3];
    later?.listener.event({ type: 'metrics', points: [fakePoint(1), fakePoint(2)] });
    expect(later?.commands.some((c) => c.type === 'encode-protein')).toBe(false);
    stopTeachingComparison();
    await done;
  });

  test('two lanes: two runs at once; a failed run is reported and the others go on', async () => {
    const trainers = new FakeTrainers();
    const done = startTeachingComparison(dataset, 'sample-structs.h5', base, { steps: 3, lanes: 2 }, trainers.connect);
    expect(trainers.opened).toHaveLength(2);
    trainers.opened[1]?.listener.failure('The coordinator worker stopped: out of memory');
    trainers.play(0, 3);
    for (let k = 2; k < 9; k++) {
      await flush();
      trainers.play(k, 3);
    }
    await done;
    const runs = useTeachingComparison.getState().runs;
    expect(runs.map((r) => r.status)).toEqual(['finished', 'failed', ...new Array(7).fill('finished')]);
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
      ...new Array(8).fill(['stopped', 0]),
    ]);
  });
});
