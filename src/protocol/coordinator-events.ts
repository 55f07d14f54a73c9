/**
 * Coordinator → page: the run's state changes, its set-up, merged metric points (batched, at most a few messages
 * per second), log lines, checkpoints and weights, trainer faults, tokens and the live changes taken.
 */
import { isRecord } from '../shared/assert-never';
import {
  isHyperparameterChange,
  WEIGHTS_PURPOSES,
  type HyperparameterChange,
  type WeightsPurpose,
} from './coordinator-commands';
import { isArrayOf, isBoolean, isNumber, isOneOf, isOptional, isString } from './field-guards';
import type { MetricPoint } from './metric-point';
import type { ProteinTokens } from './protein-tokens';
import { unionGuard } from './union-guard';

export const RUN_STATES = ['starting', 'running', 'paused', 'stopped', 'finished', 'failed'] as const;
export type RunState = (typeof RUN_STATES)[number];

export const LOG_LEVELS = ['info', 'warning', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const FAULT_KINDS = ['error', 'device-lost', 'out-of-memory', 'timeout', 'terminated', 'drift'] as const;

/** A trainer's model and data once it is set up (rank 0's are the run's). */
export interface TrainerSetup {
  readonly backend: string;
  /** e.g. "f32 (no shader-f16)". */
  readonly precision: string;
  readonly parameters: number;
  /** Parameter count per optimizer group (`muon`, `adamw`, `none`). */
  readonly groups: Readonly<Record<string, number>>;
  readonly proteins: number;
  readonly skippedProteins: number;
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  readonly inputWidth: number;
}

/** What the page shows about the run once it is set up. */
export interface RunInfo extends TrainerSetup {
  readonly runName: string;
  /** Data-parallel trainer workers, the strategy, and how gradients are exchanged. */
  readonly trainers: number;
  readonly strategy: string;
  /** e.g. "shared memory (SharedArrayBuffer + Atomics)", "messages (page not cross-origin isolated)", "none". */
  readonly exchange: string;
  /** batch size × trainers × accumulation steps. */
  readonly effectiveBatch: number;
}

/** A trainer that failed; the run is paused with the other trainers' weights intact. */
export interface TrainerFault {
  readonly rank: number;
  readonly kind: (typeof FAULT_KINDS)[number];
  /** A full sentence for the user, naming the rank and what to do. */
  readonly message: string;
  /** Optimizer steps completed by every remaining trainer. */
  readonly step: number;
  /** Trainers still alive (0: restart from the last checkpoint). */
  readonly remaining: number;
}

export type CoordinatorEvent =
  | { readonly type: 'state'; readonly state: RunState; readonly message?: string }
  | { readonly type: 'info'; readonly info: RunInfo }
  | { readonly type: 'metrics'; readonly points: readonly MetricPoint[] }
  | { readonly type: 'log'; readonly level: LogLevel; readonly message: string }
  /** `final`: saved by the coordinator when the run finished (kept for download, not downloaded unasked). */
  | {
      readonly type: 'checkpoint';
      readonly step: number;
      readonly bytes: ArrayBuffer;
      readonly fileName: string;
      readonly final?: boolean;
    }
  | { readonly type: 'fault'; readonly fault: TrainerFault }
  | {
      readonly type: 'weights';
      readonly step: number;
      readonly bytes: ArrayBuffer;
      readonly fileName: string;
      readonly purpose?: WeightsPurpose;
    }
  | { readonly type: 'tokens'; readonly step: number; readonly tokens: ProteinTokens }
  /** Changes taken by every trainer; `step` is the first optimizer step (1-based, as in metric points) they shape. */
  | {
      readonly type: 'hyperparameters-changed';
      readonly step: number;
      readonly changes: readonly HyperparameterChange[];
    };

function isFault(value: unknown): value is TrainerFault {
  return (
    isRecord(value) &&
    isNumber(value['rank']) &&
    isOneOf(FAULT_KINDS, value['kind']) &&
    isString(value['message']) &&
    isNumber(value['step']) &&
    isNumber(value['remaining'])
  );
}

function isTokens(value: unknown): value is ProteinTokens {
  return (
    isRecord(value) &&
    isString(value['proteinId']) &&
    isString(value['sequence']) &&
    Array.isArray(value['codes']) &&
    isNumber(value['codebookSize']) &&
    (value['plddt'] === null || Array.isArray(value['plddt']))
  );
}

function isRunInfo(value: unknown): value is RunInfo {
  if (!isRecord(value) || !isRecord(value['groups'])) return false;
  const strings = ['runName', 'backend', 'precision', 'strategy', 'exchange'] as const;
  const numbers = [
    'parameters',
    'proteins',
    'skippedProteins',
    'stepsPerEpoch',
    'totalSteps',
    'inputWidth',
    'trainers',
    'effectiveBatch',
  ] as const;
  return strings.every((key) => isString(value[key])) && numbers.every((key) => isNumber(value[key]));
}

/** A file the coordinator hands over: its bytes, the optimizer step it holds and its name. */
function isFileEvent(value: Record<string, unknown>): boolean {
  return value['bytes'] instanceof ArrayBuffer && isNumber(value['step']) && isString(value['fileName']);
}

export const isCoordinatorEvent = unionGuard<CoordinatorEvent>({
  state: (value) => isOneOf(RUN_STATES, value['state']) && isOptional(value['message'], isString),
  info: (value) => isRunInfo(value['info']),
  metrics: (value) => isArrayOf(value['points'], (point) => isRecord(point) && isNumber(point['step'])),
  log: (value) => isOneOf(LOG_LEVELS, value['level']) && isString(value['message']),
  checkpoint: (value) => isFileEvent(value) && isOptional(value['final'], isBoolean),
  fault: (value) => isFault(value['fault']),
  weights: (value) =>
    isFileEvent(value) && isOptional(value['purpose'], (purpose) => isOneOf(WEIGHTS_PURPOSES, purpose)),
  tokens: (value) => isTokens(value['tokens']) && isNumber(value['step']),
  'hyperparameters-changed': (value) => isNumber(value['step']) && isArrayOf(value['changes'], isHyperparameterChange),
});
