/**
 * The teaching view's comparison of commitment schedules: the measured scenario of `comparison-scenario.ts`
 * run for each schedule and seed, each run through its own coordinator connection (as the benchmark page drives
 * runs), outside the main run and its metrics. Each run keeps what the comparison draws: β, perplexity, codes in
 * use and reconstruction loss per step, and (first seed only) snapshots of the codebook with one protein's encoder
 * outputs, for the codebook maps.
 */
import { create } from 'zustand';
import { connectCoordinator, type CoordinatorConnector } from '../../client/coordinator-client';
import type { RunConfig } from '../../protocol/run-config';
import type { ProteinTokens, TrainingDataset } from '../../protocol/coordinator-messages';
import { followRun, type RunEnding } from '../run/follow-run';
import {
  COMPARISON_ARMS,
  COMPARISON_SCENARIO,
  comparisonConfig,
  comparisonSeeds,
  type ComparisonArm,
  type ComparisonArmId,
} from './comparison-scenario';
import { toComparisonPoint, type ComparisonPoint } from './comparison-summary';

export type ComparisonRunStatus = 'waiting' | 'starting' | 'running' | 'finished' | 'stopped' | 'failed';

/** The codebook and one protein's encoder outputs at a step of a run. */
export interface CodebookSnapshot {
  readonly step: number;
  readonly tokens: ProteinTokens;
}

export interface ComparisonRun {
  /** `<arm>:<seed>`. */
  readonly key: string;
  readonly arm: ComparisonArmId;
  readonly seed: number;
  readonly status: ComparisonRunStatus;
  readonly points: readonly ComparisonPoint[];
  readonly error: string | null;
  /** Latest codebook snapshot (runs of the first seed only); null before the first answer. */
  readonly snapshot: CodebookSnapshot | null;
}

export interface TeachingComparisonState {
  readonly status: 'idle' | 'running' | 'done' | 'stopped';
  /** Steps each run takes (also its commitment warm-up, so the schedules differ within the run). */
  readonly steps: number;
  readonly seeds: readonly number[];
  readonly runs: readonly ComparisonRun[];
}

/** Steps between two codebook snapshots of a run; one more is asked for a few steps before its end. */
export const SNAPSHOT_EVERY = 20;
const LAST_SNAPSHOT_BEFORE_END = 3;

function waitingRuns(seeds: readonly number[]): ComparisonRun[] {
  return seeds.flatMap((seed) =>
    COMPARISON_ARMS.map((arm) => ({
      key: `${arm.id}:${seed}`,
      arm: arm.id,
      seed,
      status: 'waiting' as const,
      points: [],
      error: null,
      snapshot: null,
    })),
  );
}

const IDLE: TeachingComparisonState = {
  status: 'idle',
  steps: COMPARISON_SCENARIO.steps,
  seeds: comparisonSeeds(0),
  runs: waitingRuns(comparisonSeeds(0)),
};

export const useTeachingComparison = create<TeachingComparisonState>()(() => IDLE);

/** Bumped by every start and stop: events of an older comparison's runs are dropped. */
let ticket = 0;
/** Runs in flight, so a stop can end them. */
interface ActiveRun {
  readonly end: (status: 'stopped') => void;
}
const active = new Set<ActiveRun>();

function updateRun(key: string, change: (run: ComparisonRun) => ComparisonRun): void {
  useTeachingComparison.setState((state) => ({ runs: state.runs.map((run) => (run.key === key ? change(run) : run)) }));
}

interface PlannedRun {
  readonly key: string;
  readonly arm: ComparisonArm;
  readonly config: RunConfig;
  /** Whether to ask this run for codebook snapshots. */
  readonly snapshots: boolean;
}

/** Runs one planned run to its end (finished, stopped or failed); never rejects. */
async function runOne(
  planned: PlannedRun,
  dataset: TrainingDataset,
  connector: CoordinatorConnector,
  own: number,
  steps: number,
): Promise<void> {
  const mine = () => own === ticket;
  const { key } = planned;
  updateRun(key, (run) => ({ ...run, status: 'starting' }));
  let asked = 0;
  const run = followRun(
    { type: 'start', config: planned.config, dataset },
    {
      running: () => mine() && updateRun(key, (r) => ({ ...r, status: 'running' })),
      metrics: (points) => {
        if (!mine()) return;
        updateRun(key, (r) => ({ ...r, points: [...r.points, ...points.map(toComparisonPoint)] }));
        const step = points.at(-1)?.step ?? 0;
        const due =
          step >= asked + SNAPSHOT_EVERY ||
          (step >= steps - LAST_SNAPSHOT_BEFORE_END && asked < steps - LAST_SNAPSHOT_BEFORE_END);
        if (planned.snapshots && (asked === 0 || due)) {
          asked = step;
          run.send({ type: 'encode-protein' });
        }
      },
      tokens: (step, tokens) =>
        mine() &&
        updateRun(key, (r) => (r.snapshot && r.snapshot.step > step ? r : { ...r, snapshot: { step, tokens } })),
    },
    connector,
  );
  const show = (ending: RunEnding) =>
    mine() &&
    updateRun(key, (r) => ({ ...r, status: ending.status, error: ending.status === 'failed' ? ending.message : null }));
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
  /** Optimizer steps per run (default: the scenario's). */
  readonly steps?: number;
  /** Runs at once, each with its own workers (default 1: one after the other, fastest on a CPU). */
  readonly lanes?: number;
}

/**
 * Runs every schedule for each seed from `base`'s seed on `dataset`, and resolves when all have ended. Seeds run
 * in order, all schedules of a seed before the next seed, so the first seed's three runs can be compared early.
 * Does nothing while a comparison runs.
 */
export async function startTeachingComparison(
  dataset: TrainingDataset,
  datasetName: string,
  base: RunConfig,
  options: ComparisonOptions = {},
  connector: CoordinatorConnector = connectCoordinator,
): Promise<void> {
  if (useTeachingComparison.getState().status === 'running') return;
  const steps = options.steps ?? COMPARISON_SCENARIO.steps;
  const seeds = comparisonSeeds(base.data.seed);
  const own = ++ticket;
  const runs = waitingRuns(seeds);
  useTeachingComparison.setState({ status: 'running', steps, seeds, runs });
  let queue: PlannedRun[];
  try {
    queue = runs.map((run) => {
      const arm = COMPARISON_ARMS.find((a) => a.id === run.arm) as ComparisonArm;
      return {
        key: run.key,
        arm,
        config: comparisonConfig(arm, base, steps, run.seed, datasetName),
        snapshots: run.seed === seeds[0],
      };
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    useTeachingComparison.setState({
      status: 'done',
      runs: runs.map((run) => ({ ...run, status: 'failed', error: message })),
    });
    return;
  }
  const lane = async () => {
    for (let next = queue.shift(); next && own === ticket; next = queue.shift())
      await runOne(next, dataset, connector, own, steps);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.lanes ?? 1, queue.length)) }, lane));
  if (own === ticket) useTeachingComparison.setState({ status: 'done' });
}

/** Ends the comparison: runs in flight close their workers, runs not yet started never start. */
export function stopTeachingComparison(): void {
  if (useTeachingComparison.getState().status !== 'running') return;
  for (const run of [...active]) run.end('stopped');
  ticket++;
  useTeachingComparison.setState((state) => ({
    status: 'stopped',
    runs: state.runs.map((run) => (run.status === 'waiting' ? { ...run, status: 'stopped' } : run)),
  }));
}

/** Back to idle, closing any run (tests; leaving the page). */
export function resetTeachingComparison(): void {
  for (const run of [...active]) run.end('stopped');
  ticket++;
  useTeachingComparison.setState(IDLE, true);
}
