/**
 * Hyper-parameters a user may change while a run trains — learning rates, loss weights, the commitment schedule,
 * clipping and pLDDT masking — and applying such changes to a config, each value checked against its schema row.
 * Everything else (model shape, batches, optimizer kind, seeds) is fixed once a run starts.
 */
import type { RunConfig } from '../protocol/run-config';
import { coerceValue } from './coerce-value';
import { LOSS_WEIGHT_KEYS } from './loss-weight-keys';
import { buildRunConfig, readConfigValue, SCHEMA_ROWS } from './run-config-values';
import type { ConfigPath, ConfigValue } from './schema-types';

export const LIVE_KEYS = [
  'optimizer.muonLr',
  'optimizer.adamwLr',
  'training.learningRate',
  ...LOSS_WEIGHT_KEYS,
  'vq.useCommitmentScheduling',
  'vq.commitmentSchedule',
  'vq.commitmentStart',
  'vq.commitmentCost',
  'vq.commitmentWarmupSteps',
  'training.clipGrad',
  'training.clipGradMaxNorm',
  'training.clipGradMode',
  'masking.maskPlddt',
  'masking.plddtThreshold',
] as const satisfies readonly ConfigPath[];

export type LiveKey = (typeof LIVE_KEYS)[number];

/** The learning-rate keys: a trainer multiplies them by the run's LR-scaling factor (trainer count). */
export const LIVE_LR_KEYS: readonly LiveKey[] = ['optimizer.muonLr', 'optimizer.adamwLr', 'training.learningRate'];

export function isLiveKey(path: string): path is LiveKey {
  return (LIVE_KEYS as readonly string[]).includes(path);
}

/** One change as it travels from the page to the trainers. */
export interface LiveChange {
  readonly path: string;
  readonly value: ConfigValue;
}

/**
 * `config` with `changes` applied in order (learning rates × `lrFactor`); throws naming the key when one is not
 * changeable while training or its value does not fit.
 */
export function withLiveChanges(config: RunConfig, changes: readonly LiveChange[], lrFactor = 1): RunConfig {
  const next = new Map<string, ConfigValue>();
  for (const change of changes) {
    if (!isLiveKey(change.path))
      throw new Error(`${change.path} cannot change while a run trains (only ${LIVE_KEYS.join(', ')})`);
    const spec = SCHEMA_ROWS.find((row) => row.path === change.path);
    if (!spec) throw new Error(`no config key ${change.path}`);
    const coerced = coerceValue(spec, change.value);
    if (!coerced.ok) throw new Error(`${change.path}: expected ${coerced.expected}`);
    const scaled =
      LIVE_LR_KEYS.includes(change.path) && typeof coerced.value === 'number'
        ? coerced.value * lrFactor
        : coerced.value;
    next.set(change.path, scaled);
  }
  return buildRunConfig((row) =>
    next.has(row.path) ? (next.get(row.path) as ConfigValue) : (readConfigValue(config, row.path) as ConfigValue),
  );
}
