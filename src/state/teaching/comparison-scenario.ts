/**
 * The commitment-schedule comparison as a fixed, measured experiment (docs/teaching.md has the numbers): the tiny
 * model with a 32-code EMA codebook started from encoder outputs, no dead-code reset, AdamW at 3e-3, VQ weight 1,
 * β from 0 to 1, batches of two 32-residue crops drawn from the whole dataset, 80 steps per run, three seeds per
 * schedule. Only the schedule differs between arms; from the user's settings it takes the seed (seeds s, s+1, s+2),
 * the backend and the precision.
 */
import type { RunConfig } from '../../protocol/run-config';
import { browserRunConfig, withConfigValues, type ConfigPath, type ConfigValue } from '../config/config-edit';

/** The schedules compared, in chart order; names and colours defined once. */
export const COMPARISON_ARMS = [
  { id: 'constant', label: 'constant β', color: '#6b7a8f', scheduled: false, schedule: 'cosine' },
  { id: 'cosine', label: 'cosine warm-up', color: '#3867d6', scheduled: true, schedule: 'cosine' },
  { id: 'restarts', label: 'cosine with restarts', color: '#d9822b', scheduled: true, schedule: 'cosine_with_restart' },
] as const;

export type ComparisonArm = (typeof COMPARISON_ARMS)[number];
export type ComparisonArmId = ComparisonArm['id'];

/** The scenario's settings; every one of them was chosen by measurement (docs/teaching.md). */
export const COMPARISON_SCENARIO = {
  steps: 80,
  seeds: 3,
  codes: 32,
  batchSize: 2,
  maxResidues: 32,
  learningRate: 3e-3,
  /** LR warm-up as a share of the run, then cosine decay. */
  lrWarmupRatio: 0.05,
  vqWeight: 1,
  betaStart: 0,
  betaEnd: 1,
} as const;

/** Optimizer steps per run the user may choose. */
export const COMPARISON_STEP_RANGE = { min: 2, max: 500 } as const;

/** The seeds of one comparison: the user's seed and the next ones (wrapping within uint32). */
export function comparisonSeeds(seed: number, count: number = COMPARISON_SCENARIO.seeds): number[] {
  return Array.from({ length: count }, (_, k) => (seed + k) % 2 ** 32);
}

/**
 * One run of the comparison: the scenario above for `arm` and `seed` over `steps` steps (also the length of the
 * commitment warm-up, so the schedules differ within the run), on the backend and precision of `base`.
 */
export function comparisonConfig(
  arm: ComparisonArm,
  base: RunConfig,
  steps: number,
  seed: number,
  datasetName: string,
): RunConfig {
  const s = COMPARISON_SCENARIO;
  const overrides: ReadonlyArray<readonly [ConfigPath, ConfigValue]> = [
    ['model.preset', 'tiny'],
    ['model.numEmbeddings', s.codes],
    ['vq.ema', true],
    ['vq.codebookInit', 'encoder'],
    ['training.batchSize', s.batchSize],
    ['training.gradientAccumulationSteps', 1],
    ['data.maxResidues', s.maxResidues],
    ['data.seed', seed],
    ['data.dataset', datasetName],
    ['training.maxSteps', steps],
    ['training.workers', 1],
    ['training.strategy', 'single'],
    ['training.backend', base.training.backend],
    ['precision.mixedPrecision', base.precision.mixedPrecision],
    ['optimizer.useMuon', false],
    ['training.learningRate', s.learningRate],
    ['schedule.lrSchedule', 'cosine'],
    ['schedule.lrWarmupRatio', s.lrWarmupRatio],
    ['schedule.lrWarmupSteps', 0],
    ['losses.vqWeight', s.vqWeight],
    ['vq.commitmentStart', s.betaStart],
    ['vq.commitmentCost', s.betaEnd],
    ['vq.useCommitmentScheduling', arm.scheduled],
    ['vq.commitmentSchedule', arm.schedule],
    ['vq.commitmentWarmupSteps', steps],
    ['logging.runName', `teaching-${arm.id}-seed${seed}`],
  ];
  return withConfigValues(browserRunConfig(), overrides);
}
