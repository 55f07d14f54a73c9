/**
 * The teaching view's one-click comparison of commitment schedules: three short runs of the tiny model from the
 * same seed — β constant, a cosine warm-up, and cosine ramps with restarts — each through its own trainer
 * connection (as the benchmark page drives runs), outside the main run and its metrics. Each run keeps only what
 * the comparison charts draw: β, perplexity and the VQ loss per step.
 */
import { create } from 'zustand';
import { connectCoordinator as connectTrainer, type CoordinatorConnector as TrainerConnector } from '../client/coordinator-client';
import type { MetricPoint } from '../protocol/metric-point';
import type { RunConfig } from '../protocol/run-config';
import type { TrainingDataset } from '../protocol/coordinator-messages';
import { browserRunConfig, withConfigValues, type ConfigPath, type ConfigValue } from './config/config-edit';
import { followRun, type RunEnding } from './run/follow-run';

/** The schedules compared, in chart order; names and colours defined once. */
export const COMPARISON_VARIANTS = [
  { id: 'constant', label: 'constant β', color: '#6b7a8f', scheduled: false, schedule: 'cosine' },
  { id: 'cosine', label: 'cosine warm-up', color: '#3867d6', scheduled: true, schedule: 'cosine' },
  { id: 'restarts', label: 'cosine with restarts', color: '#d9822b', scheduled: true, schedule: 'cosine_with_restart' },
] as const;

export type ComparisonVariant = (typeof COMPARISON_VARIANTS)[number];
export type ComparisonVariantId = ComparisonVariant['id'];

/** Optimizer steps per run unless the user picks another count: a couple of minutes in a software-WebGPU browser. */
export const DEFAULT_COMPARISON_STEPS = 12;

/** What one step of a compared run left for the charts. */
export interface ComparisonPoint {
  readonly step: number;
  readonly commitmentCost: number;
  readonly perplexity: number;
  /** Raw VQ loss (NaN when the step reported none). */
  readonly vqLoss: number;
}

export type ComparisonRunStatus = 'waiting' | 'starting' | 'running' | 'finished' | 'stopped' | 'failed';

export interface ComparisonRun {
  readonly id: ComparisonVariantId;
  readonly status: ComparisonRunStatus;
  readonly points: readonly ComparisonPoint[];
  readonly error: string | null;
}

export interface TeachingComparisonState {
  readonly status: 'idle' | 'running' | 'done' | 'stopped';
  /** Steps each run takes (also its commitment warm-up, so the schedules differ within the run). */
  readonly steps: number;
  readonly runs: readonly ComparisonRun[];
}

function waitingRuns(): ComparisonRun[] {
  return COMPARISON_VARIANTS.map((variant) => ({ id: variant.id, status: 'waiting', points: [], error: null }));
}

export const useTeachingComparison = create<TeachingComparisonState>()(() => ({ status: 'idle', steps: DEFAULT_COMPARISON_STEPS, runs: waitingRuns() }));

/**
 * One compared run's config: the studio's browser defaults with the tiny model on two 32-residue crops, one
 * trainer, `steps` optimizer steps, the user's seed and β start/end, and the variant's schedule over a warm-up of
 * `steps` (constant β: scheduling off, β = the end value throughout).
 */
export function comparisonConfig(variant: ComparisonVariant, base: RunConfig, steps: number, datasetName: string): RunConfig {
  const overrides: ReadonlyArray<readonly [ConfigPath, ConfigValue]> = [
    ['model.preset', 'tiny'],
    ['training.batchSize', 2],
    ['data.maxResidues', 32],
    ['data.seed', base.data.seed],
    ['data.dataset', datasetName],
    ['training.maxSteps', steps],
    ['training.workers', 1],
    ['training.strategy', 'single'],
    ['vq.commitmentStart', base.vq.commitmentStart],
    ['vq.commitmentCost', base.vq.commitmentCost],
    ['vq.useCommitmentScheduling', variant.scheduled],
    ['vq.commitmentSchedule', variant.schedule],
    ['vq.commitmentWarmupSteps', steps],
    ['logging.runName', `teaching-${variant.id}`],
  ];
  return withConfigValues(browserRunConfig(), overrides);
}

function comparisonPoint(point: MetricPoint): ComparisonPoint {
  return { step: point.step, commitmentCost: point.commitmentCost, perplexity: point.perplexity, vqLoss: point.losses['vq'] ?? NaN };
}

/** Bumped by every start and stop: events of an older comparison's runs are dropped. */
let ticket = 0;
/** Runs in flight, so a stop can end them. */
interface ActiveRun {
  readonly end: (status: 'stopped') => void;
}
const active = new Set<ActiveRun>();

function updateRun(id: ComparisonVariantId, change: (run: ComparisonRun) => ComparisonRun): void {
  useTeachingComparison.setState((state) => ({ runs: state.runs.map((run) => (run.id === id ? change(run) : run)) }));
}

/** Runs one variant to its end (finished, stopped or failed); never rejects. */
async function runVariant(variant: ComparisonVariant, config: RunConfig, dataset: TrainingDataset, connector: TrainerConnector, own: number): Promise<void> {
  const mine = () => own === ticket;
  updateRun(variant.id, (run) => ({ ...run, status: 'starting' }));
  const run = followRun(
    { type: 'start', config, dataset },
    {
      running: () => mine() && updateRun(variant.id, (r) => ({ ...r, status: 'running' })),
      metrics: (points) => mine() && updateRun(variant.id, (r) => ({ ...r, points: [...r.points, ...points.map(comparisonPoint)] })),
    },
    connector,
  );
  const show = (ending: RunEnding) => mine() && updateRun(variant.id, (r) => ({ ...r, status: ending.status, error: ending.status === 'failed' ? ending.message : null }));
  // A stop shows at once: the comparison moves on (its ticket changes) before the run's ending arrives.
  const entry: ActiveRun = {
    end: (status) => {
      show({ status });
      run.end({ status });
    },
  };
  active.add(entry);
  const ending = await run.ended;
  active.delete(entry);
  show(ending);
}

export interface ComparisonOptions {
  /** Optimizer steps per run (default `DEFAULT_COMPARISON_STEPS`). */
  readonly steps?: number;
  /** All three runs at once (each with its own workers), or one after the other (default). */
  readonly concurrent?: boolean;
}

/**
 * Runs the three variants on `dataset` with the seed and β range of `base`, and resolves when all have ended.
 * Does nothing while a comparison runs.
 */
export async function startTeachingComparison(dataset: TrainingDataset, datasetName: string, base: RunConfig, options: ComparisonOptions = {}, connector: TrainerConnector = connectTrainer): Promise<void> {
  if (useTeachingComparison.getState().status === 'running') return;
  const steps = options.steps ?? DEFAULT_COMPARISON_STEPS;
  const own = ++ticket;
  useTeachingComparison.setState({ status: 'running', steps, runs: waitingRuns() });
  let configs: RunConfig[];
  try {
    configs = COMPARISON_VARIANTS.map((variant) => comparisonConfig(variant, base, steps, datasetName));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    useTeachingComparison.setState({ status: 'done', runs: waitingRuns().map((run) => ({ ...run, status: 'failed', error: message })) });
    return;
  }
  const queue = COMPARISON_VARIANTS.map((variant, k) => ({ variant, config: configs[k] as RunConfig }));
  const lane = async () => {
    for (let next = queue.shift(); next && own === ticket; next = queue.shift()) await runVariant(next.variant, next.config, dataset, connector, own);
  };
  await Promise.all(Array.from({ length: options.concurrent ? queue.length : 1 }, lane));
  if (own === ticket) useTeachingComparison.setState({ status: 'done' });
}

/** Ends the comparison: runs in flight close their workers, runs not yet started never start. */
export function stopTeachingComparison(): void {
  if (useTeachingComparison.getState().status !== 'running') return;
  for (const run of [...active]) run.end('stopped');
  ticket++;
  useTeachingComparison.setState((state) => ({ status: 'stopped', runs: state.runs.map((run) => (run.status === 'waiting' ? { ...run, status: 'stopped' } : run)) }));
}

/** Back to idle, closing any run (tests; leaving the page). */
export function resetTeachingComparison(): void {
  for (const run of [...active]) run.end('stopped');
  ticket++;
  useTeachingComparison.setState({ status: 'idle', steps: DEFAULT_COMPARISON_STEPS, runs: waitingRuns() }, true);
}
