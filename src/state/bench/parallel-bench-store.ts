/**
 * The data-parallel benchmark on the benchmark page: real training runs of a few optimizer steps each, one per
 * preset × trainer count, through the same coordinator and trainer workers the studio trains with. Each run's
 * metric points are reduced to steps/s, residues/s and the share of a step spent in the gradient all-reduce.
 */
import { create } from 'zustand';
import { connectCoordinator, type CoordinatorConnector } from '../../client/coordinator-client';
import { probeGpuInWorker } from '../../client/gpu-probe-client';
import { defaultRunConfig } from '../../config/run-config-values';
import type { GpuProbeReport } from '../../protocol/gpu-probe-messages';
import type { MetricPoint } from '../../protocol/metric-point';
import type { RunConfig, TrainingBackendChoice } from '../../protocol/run-config';
import type { RunInfo, TrainingDataset } from '../../protocol/coordinator-messages';
import { withConfigValues, type ConfigPath, type ConfigValue } from '../config/config-edit';
import { followRun } from '../run/follow-run';

/** One configuration to time. */
export interface ParallelBenchCase {
  readonly preset: string;
  /** `training.backend` of every trainer. */
  readonly backend: TrainingBackendChoice;
  /** `training.workers`: the trainer workers to start (1–8). */
  readonly trainers: number;
  /** Optimizer steps to run, the warm-up steps included. */
  readonly steps: number;
}

/** What every case shares: the batch each trainer takes per step. */
export interface ParallelBenchSettings {
  /** Proteins per micro-batch per trainer. */
  readonly batchSize: number;
  /** Crop length in residues. */
  readonly maxResidues: number;
  /** Leading steps left out of the figures: they include the first shader compiles. */
  readonly warmupSteps: number;
}

/** One case's figures. Times in ms; rates per second of wall time of the lockstep step. */
export interface ParallelBenchResult {
  readonly preset: string;
  readonly requestedBackend: TrainingBackendChoice;
  readonly requestedTrainers: number;
  /** Trainers the run actually had (RunInfo). */
  readonly trainers: number;
  readonly strategy: string;
  /** How gradients were exchanged (RunInfo), "none" with one trainer. */
  readonly exchange: string;
  readonly backend: string;
  readonly precision: string;
  readonly parameters: number;
  readonly effectiveBatch: number;
  readonly batchSize: number;
  readonly maxResidues: number;
  /** Steps the run took and the ones the figures come from (after the warm-up). */
  readonly stepsRun: number;
  readonly stepsMeasured: number;
  /** Median over measured steps of the slowest trainer's step time. */
  readonly stepMs: number;
  readonly stepsPerSecond: number;
  /** All trainers together: residues per step (mean over the measured steps) over the median step time. */
  readonly residuesPerSecond: number;
  readonly proteinsPerSecond: number;
  /** Median over ranks and measured steps of the time spent in the all-reduce (0 with one trainer). */
  readonly exchangeMs: number;
  /** exchangeMs / stepMs. */
  readonly exchangeShare: number;
  /** Every step's time (slowest trainer), the warm-up steps first: shows whether the warm-up was long enough. */
  readonly stepTimesMs: readonly number[];
  /** From the start command until the first points arrived (workers, dataset, model set-up, first step). */
  readonly setupMs: number;
  /** From the start command until the run had stopped. */
  readonly wallMs: number;
}

export type ParallelBenchRow =
  | ({ readonly ok: true } & ParallelBenchResult)
  | {
      readonly ok: false;
      readonly preset: string;
      readonly requestedBackend: TrainingBackendChoice;
      readonly requestedTrainers: number;
      readonly error: string;
    };

export interface ParallelBenchState {
  readonly status: 'idle' | 'running' | 'done';
  /** The case running now, e.g. "teaching on wasm × 4". */
  readonly current: string | null;
  readonly rows: readonly ParallelBenchRow[];
  /** The adapter the trainers' workers see, from the studio's WebGPU probe. */
  readonly adapter: GpuProbeReport | null;
}

export const useParallelBenchStore = create<ParallelBenchState>()(() => ({
  status: 'idle',
  current: null,
  rows: [],
  adapter: null,
}));

/** `defaultRunConfig()` with the case's preset, trainer count and batch; checksums off, a generous step timeout. */
export function parallelBenchConfig(
  benchCase: ParallelBenchCase,
  settings: ParallelBenchSettings,
  datasetName: string,
): RunConfig {
  const overrides: ReadonlyArray<readonly [ConfigPath, ConfigValue]> = [
    ['model.preset', benchCase.preset],
    ['training.backend', benchCase.backend],
    ['training.workers', benchCase.trainers],
    ['training.strategy', 'ddp'],
    ['training.batchSize', settings.batchSize],
    ['training.gradientAccumulationSteps', 1],
    ['data.maxResidues', settings.maxResidues],
    ['data.dataset', datasetName],
    ['training.checksumEvery', 0],
    // SwiftShader runs every trainer on the CPU: several of them on two cores take minutes per step at worst.
    ['training.trainerTimeoutS', 900],
    ['logging.metricInterval', 1],
    ['logging.runName', `parallel-bench-${benchCase.preset}-${benchCase.backend}-${benchCase.trainers}`],
  ];
  return withConfigValues(defaultRunConfig(), overrides);
}

/** The middle value (mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The lockstep step lasts as long as its slowest trainer. */
function stepTime(point: MetricPoint): number {
  return Math.max(point.stepMs, ...(point.trainers ?? []).map((t) => t.stepMs));
}

/** Reduces a run's points (in step order) to the figures; throws when no step is left after the warm-up. */
export function summariseParallelRun(
  benchCase: ParallelBenchCase,
  settings: ParallelBenchSettings,
  info: RunInfo,
  points: readonly MetricPoint[],
  timing: { readonly setupMs: number; readonly wallMs: number },
): ParallelBenchResult {
  const measured = points.slice(settings.warmupSteps);
  if (measured.length === 0)
    throw new Error(`${points.length} steps ran, none left after ${settings.warmupSteps} warm-up steps`);
  const stepMs = median(measured.map(stepTime));
  const exchangeMs =
    info.trainers > 1 ? median(measured.flatMap((p) => (p.trainers ?? []).map((t) => t.exchangeMs))) : 0;
  // A point's rates are the step's residues and proteins summed over every rank (they go through the all-reduce)
  // over rank 0's step time, so rate × that time is the step's whole batch.
  const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const perStep = (rate: (p: MetricPoint) => number) => mean(measured.map((p) => (rate(p) * p.stepMs) / 1000));
  return {
    preset: benchCase.preset,
    requestedBackend: benchCase.backend,
    requestedTrainers: benchCase.trainers,
    trainers: info.trainers,
    strategy: info.strategy,
    exchange: info.exchange,
    backend: info.backend,
    precision: info.precision,
    parameters: info.parameters,
    effectiveBatch: info.effectiveBatch,
    batchSize: settings.batchSize,
    maxResidues: settings.maxResidues,
    stepsRun: points.length,
    stepsMeasured: measured.length,
    stepMs,
    stepsPerSecond: 1000 / stepMs,
    residuesPerSecond: (perStep((p) => p.residuesPerSecond) * 1000) / stepMs,
    proteinsPerSecond: (perStep((p) => p.proteinsPerSecond) * 1000) / stepMs,
    exchangeMs,
    exchangeShare: exchangeMs / stepMs,
    stepTimesMs: points.map(stepTime),
    ...timing,
  };
}

/** Runs one case to `steps` optimizer steps (or the step after, which is left out), then stops it and closes its workers. */
export async function runParallelCase(
  benchCase: ParallelBenchCase,
  settings: ParallelBenchSettings,
  dataset: Extract<TrainingDataset, { kind: 'sample' }>,
  connector: CoordinatorConnector = connectCoordinator,
): Promise<ParallelBenchResult> {
  const config = parallelBenchConfig(benchCase, settings, dataset.name);
  const points: MetricPoint[] = [];
  let info: RunInfo | null = null;
  let stopping = false;
  const started = performance.now();
  let firstStepAt: number | null = null;
  const run = followRun(
    { type: 'start', config, dataset },
    {
      info: (reported) => (info = reported),
      metrics: (arrived) => {
        firstStepAt ??= performance.now();
        points.push(...arrived);
        // A stop lets the step in flight finish, and the next one is under way by the time this point is here:
        // asking after step steps − 1 makes step `steps` the last instead of paying for one more.
        if (points.length >= benchCase.steps - 1 && !stopping) {
          stopping = true;
          run.send({ type: 'stop' });
        }
      },
    },
    connector,
  );
  const ending = await run.ended;
  if (ending.status === 'failed') throw new Error(ending.message);
  const runInfo: RunInfo | null = info;
  if (!runInfo) throw new Error('the run ended before it reported its set-up');
  const now = performance.now();
  return summariseParallelRun(benchCase, settings, runInfo, points.slice(0, benchCase.steps), {
    setupMs: (firstStepAt ?? now) - started,
    wallMs: now - started,
  });
}

/** "teaching on wasm × 2": a case as the page and the logs name it. */
export function describeCase(benchCase: Pick<ParallelBenchCase, 'preset' | 'backend' | 'trainers'>): string {
  return `${benchCase.preset} on ${benchCase.backend} × ${benchCase.trainers}`;
}

/** Probes the adapter, then runs the cases one after another; a failed case becomes a row with its error. */
export async function startParallelBench(
  cases: readonly ParallelBenchCase[],
  settings: ParallelBenchSettings,
  dataset: Extract<TrainingDataset, { kind: 'sample' }>,
  connector: CoordinatorConnector = connectCoordinator,
): Promise<void> {
  if (useParallelBenchStore.getState().status === 'running') return;
  useParallelBenchStore.setState({ status: 'running', current: null, rows: [], adapter: null });
  if (typeof Worker !== 'undefined') useParallelBenchStore.setState({ adapter: await probeGpuInWorker() });
  for (const benchCase of cases) {
    useParallelBenchStore.setState({ current: describeCase(benchCase) });
    const row: ParallelBenchRow = await runParallelCase(benchCase, settings, dataset, connector).then(
      (result) => ({ ok: true as const, ...result }),
      (error: unknown) => ({
        ok: false as const,
        preset: benchCase.preset,
        requestedBackend: benchCase.backend,
        requestedTrainers: benchCase.trainers,
        error: error instanceof Error ? error.message : String(error),
      }),
    );
    useParallelBenchStore.setState((s) => ({ rows: [...s.rows, row] }));
  }
  useParallelBenchStore.setState({ status: 'done', current: null });
}

/** Back to idle (tests). */
export function resetParallelBench(): void {
  useParallelBenchStore.setState({ status: 'idle', current: null, rows: [], adapter: null }, true);
}
