/**
 * Large-batch learning-rate rules for data-parallel runs: with N trainers the optimizer step averages N× as many
 * proteins, so `training.lrScaling` can grow the base learning rates by N (linear, Goyal et al. 2017) or √N (sqrt,
 * the variance-matching rule often preferred for Adam-type optimizers).
 */
import type { LrScalingMode, RunConfig } from '../../protocol/run-config';

/** The factor base learning rates are multiplied by: 1, `trainers` or √`trainers`. */
export function lrScaleFactor(mode: LrScalingMode, trainers: number): number {
  if (!Number.isInteger(trainers) || trainers < 1)
    throw new RangeError(`trainers must be a whole number ≥ 1, got ${String(trainers)}`);
  switch (mode) {
    case 'none':
      return 1;
    case 'linear':
      return trainers;
    case 'sqrt':
      return Math.sqrt(trainers);
  }
}

/**
 * `config` with every base learning rate (`training.learningRate`, `optimizer.muonLr`, `optimizer.adamwLr`)
 * multiplied by `lrScaleFactor(config.training.lrScaling, trainers)`; the same object when the factor is 1.
 * `schedule.lrMin` is multiplied too: it is an absolute floor, and scaling it with the base keeps the schedule's
 * multiplier curve unchanged, so the LR at every step is exactly factor × the one-trainer LR. The result is not
 * re-checked against the schema's LR range (a base LR near 10 with linear scaling can exceed it).
 */
export function scaledLearningRates(config: RunConfig, trainers: number): RunConfig {
  const factor = lrScaleFactor(config.training.lrScaling, trainers);
  if (factor === 1) return config;
  const { training, optimizer, schedule } = config;
  return {
    ...config,
    training: { ...training, learningRate: training.learningRate * factor },
    optimizer: { ...optimizer, muonLr: optimizer.muonLr * factor, adamwLr: optimizer.adamwLr * factor },
    schedule: { ...schedule, lrMin: schedule.lrMin * factor },
  };
}
