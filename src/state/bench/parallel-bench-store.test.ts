import { beforeEach, describe, expect, it } from 'vitest';
import type { RunInfo } from '../../protocol/coordinator-messages';
import { fakePoint, FakeTrainer } from '../fake-metric-points.node';
import {
  median,
  parallelBenchConfig,
  resetParallelBench,
  runParallelCase,
  startParallelBench,
  summariseParallelRun,
  useParallelBenchStore,
} from './parallel-bench-store';

const settings = { batchSize: 2, maxResidues: 64, warmupSteps: 2 };
const dataset = { kind: 'sample', url: 'http://x/sample/sample-structs.h5', name: 'sample-structs.h5' } as const;
const info = (trainers: number): RunInfo => ({
  runName: 'r',
  backend: 'webgpu',
  precision: 'f32',
  parameters: 1000,
  groups: {},
  proteins: 182,
  skippedProteins: 0,
  stepsPerEpoch: 10,
  totalSteps: 100,
  inputWidth: 8,
  trainers,
  strategy: trainers > 1 ? 'ddp' : 'single',
  exchange: trainers > 1 ? 'shared memory (SharedArrayBuffer + Atomics)' : 'none',
  effectiveBatch: 2 * trainers,
});

/** The summary of a tiny WebGPU run of `trainers` trainers that took `points`. */
const summarise = (trainers: number, points: Parameters<typeof summariseParallelRun>[3], setupMs = 0, wallMs = 0) =>
  summariseParallelRun(
    { preset: 'tiny', backend: 'webgpu', trainers, steps: points.length },
    settings,
    info(trainers),
    points,
    { setupMs, wallMs },
  );

beforeEach(() => resetParallelBench());

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNaN();
  });
});

describe('parallelBenchConfig', () => {
  it('sets the preset, trainer count and batch on the defaults', () => {
    const config = parallelBenchConfig(
      { preset: 'tiny', backend: 'wasm', trainers: 4, steps: 6 },
      settings,
      'sample-structs.h5',
    );
    expect(config.model.preset).toBe('tiny');
    expect(config.training.backend).toBe('wasm');
    expect(config.training.workers).toBe(4);
    expect(config.training.strategy).toBe('ddp');
    expect(config.training.batchSize).toBe(2);
    expect(config.data.maxResidues).toBe(64);
    expect(config.training.checksumEvery).toBe(0);
    expect(config.data.dataset).toBe('sample-structs.h5');
  });
});

describe('summariseParallelRun', () => {
  it('leaves out the warm-up, takes the slowest rank per step and the median exchange over ranks and steps', () => {
    // Both ranks together take 256 residues and 4 proteins per step: the point's rates × rank 0's stepMs / 1000.
    const point = (step: number, ms: readonly [number, number], exchange: readonly [number, number]) =>
      fakePoint(step, {
        stepMs: ms[0],
        residuesPerSecond: 256_000 / ms[0],
        proteinsPerSecond: 4_000 / ms[0],
        trainers: [
          { rank: 0, stepMs: ms[0], exchangeMs: exchange[0], residuesPerSecond: 128_000 / ms[0] },
          { rank: 1, stepMs: ms[1], exchangeMs: exchange[1], residuesPerSecond: 128_000 / ms[1] },
        ],
      });
    const points = [
      point(1, [9000, 9100], [50, 60]),
      point(2, [3000, 3000], [40, 40]),
      point(3, [1000, 1100], [10, 30]),
      point(4, [1200, 1000], [20, 100]),
      point(5, [900, 1000], [15, 25]),
    ];
    const result = summarise(2, points, 4000, 20000);
    // Slowest per measured step: 1100, 1200, 1000 → median 1100. Exchanges 10, 30, 20, 100, 15, 25 → median 22.5.
    expect(result.stepsMeasured).toBe(3);
    expect(result.stepMs).toBe(1100);
    expect(result.stepsPerSecond).toBeCloseTo(1000 / 1100, 12);
    expect(result.exchangeMs).toBe(22.5);
    expect(result.exchangeShare).toBeCloseTo(22.5 / 1100, 12);
    // 256 residues per 1.1 s.
    expect(result.residuesPerSecond).toBeCloseTo(256 / 1.1, 9);
    expect(result.proteinsPerSecond).toBeCloseTo(4 / 1.1, 9);
    expect(result.effectiveBatch).toBe(4);
    expect(result.stepTimesMs).toEqual([9100, 3000, 1100, 1200, 1000]);
    expect(result.setupMs).toBe(4000);
  });

  it('reports no exchange for one trainer, and refuses a run with nothing after the warm-up', () => {
    const points = [fakePoint(1), fakePoint(2), fakePoint(3, { stepMs: 800, residuesPerSecond: 160 })];
    const result = summarise(1, points);
    expect(result.stepMs).toBe(800);
    expect(result.exchangeMs).toBe(0);
    expect(result.residuesPerSecond).toBeCloseTo(160, 12);
    expect(() => summarise(1, points.slice(0, 2))).toThrow(/none left after 2 warm-up/);
  });
});

describe('runParallelCase', () => {
  it('asks to stop one step early (the step in flight still lands), uses only the steps asked for, and closes the workers', async () => {
    const fake = new FakeTrainer();
    const done = runParallelCase(
      { preset: 'tiny', backend: 'webgpu', trainers: 1, steps: 4 },
      settings,
      dataset,
      fake.connect,
    );
    expect(fake.commandTypes()).toEqual(['start']);
    fake.emit({ type: 'info', info: info(1) });
    fake.emit({ type: 'metrics', points: [fakePoint(1), fakePoint(2)] });
    expect(fake.commandTypes()).toEqual(['start']);
    fake.emit({ type: 'metrics', points: [fakePoint(3, { stepMs: 700 })] });
    expect(fake.commandTypes()).toEqual(['start', 'stop']);
    fake.emit({ type: 'metrics', points: [fakePoint(4, { stepMs: 900 })] });
    // Points after the ones asked for are not counted.
    fake.emit({ type: 'metrics', points: [fakePoint(5, { stepMs: 99 })] });
    fake.emit({ type: 'state', state: 'stopped' });
    const result = await done;
    expect(result.stepsRun).toBe(4);
    expect(result.stepMs).toBe(800);
    expect(fake.commandTypes()).toEqual(['start', 'stop']);
    expect(fake.disposed).toBe(1);
  });

  it('turns a trainer fault into an error row and goes on with the next case', async () => {
    const fake = new FakeTrainer();
    const bench = startParallelBench(
      [{ preset: 'tiny', backend: 'webgpu', trainers: 2, steps: 3 }],
      settings,
      dataset,
      fake.connect,
    );
    await Promise.resolve();
    fake.emit({
      type: 'fault',
      fault: { rank: 1, kind: 'timeout', message: 'Trainer 1 timed out.', step: 0, remaining: 1 },
    });
    await bench;
    const { status, rows } = useParallelBenchStore.getState();
    expect(status).toBe('done');
    expect(rows).toEqual([
      { ok: false, preset: 'tiny', requestedBackend: 'webgpu', requestedTrainers: 2, error: 'Trainer 1 timed out.' },
    ]);
    expect(fake.disposed).toBe(1);
  });
});
