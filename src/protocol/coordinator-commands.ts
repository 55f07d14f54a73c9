/**
 * Page → coordinator: what starts and steers a run (`RunCommand`), and what the page's client adds (`attach-trainers`
 * with the ports to the trainers, `trainer-failed` for a trainer worker that died).
 */
import { isRecord } from '../shared/assert-never';
import { isArrayOf, isNumber, isOneOf, isOptional, isString } from './field-guards';
import type { SkippedItem } from './protein-graph';
import type { RunConfig } from './run-config';
import { tagOnly, unionGuard, type TagChecks } from './union-guard';

/** Ways the fault-handling tests make a replica fail as real ones do. */
export const INJECTED_FAULTS = ['throw', 'device-lost', 'hang', 'out-of-memory', 'drift'] as const;
export type InjectedFault = (typeof INJECTED_FAULTS)[number];

/** One live change: a config key (`optimizer.adamwLr`) and its new value as the user set it. */
export interface HyperparameterChange {
  readonly path: string;
  readonly value: number | boolean | string;
}

/**
 * The file a run trains on. `excluded`: proteins the dataset panel's value check set aside (`<file>:<id>` sources
 * with their reasons), so the trainers leave them out without reading the whole file again.
 */
export type TrainingDataset = (
  | { readonly kind: 'sample'; readonly url: string; readonly name: string }
  | { readonly kind: 'file'; readonly file: File }
) & {
  readonly excluded?: readonly SkippedItem[];
};

/**
 * Names a weights file is written under. studio: our names; foldtree2: FoldTree2's PyTorch `state_dict` names;
 * foldtree2-handover: a zip of the FoldTree2 hand-over folder.
 */
export const WEIGHT_NAMINGS = ['studio', 'foldtree2', 'foldtree2-handover'] as const;
export type WeightNaming = (typeof WEIGHT_NAMINGS)[number];

/** What the page asked the current weights for: a download, or the dataset encoder. */
export const WEIGHTS_PURPOSES = ['save', 'encode'] as const;
export type WeightsPurpose = (typeof WEIGHTS_PURPOSES)[number];

/** A safetensors file of weights to start a fresh run from (its optimizer and counters start anew). */
export interface InitialWeights {
  readonly name: string;
  readonly bytes: ArrayBuffer;
}

export type RunCommand =
  | {
      readonly type: 'start';
      readonly config: RunConfig;
      readonly dataset: TrainingDataset;
      readonly checkpoint?: ArrayBuffer;
      readonly weights?: InitialWeights;
    }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'stop' }
  | { readonly type: 'save-checkpoint' }
  /** While paused: one optimizer step, then paused again. */
  | { readonly type: 'step-once' }
  /**
   * The current weights as a safetensors file, under the studio's parameter names or FoldTree2's; `purpose`
   * `encode` hands them to the page's dataset encoder instead of a download.
   */
  | { readonly type: 'download-weights'; readonly naming?: WeightNaming; readonly purpose?: WeightsPurpose }
  /** The tokens the current model gives one protein (the first of the dataset when no id is given). */
  | { readonly type: 'encode-protein'; readonly proteinId?: string }
  /** Hyper-parameters changed while training (live keys only); they apply from the next optimizer step. */
  | { readonly type: 'set-hyperparameters'; readonly changes: readonly HyperparameterChange[] }
  /** After a trainer failed: continue with the trainers left, the epoch's remaining proteins dealt among them. */
  | { readonly type: 'continue-with-remaining' }
  /** Fault-handling tests: make `rank` fail in the given way when it starts optimizer step `atStep`. */
  | { readonly type: 'inject-fault'; readonly rank: number; readonly fault: InjectedFault; readonly atStep: number };

/** What the page's client adds: ports to the trainers (one control and one exchange port each), and deaths. */
export type CoordinatorCommand =
  | RunCommand
  | {
      readonly type: 'attach-trainers';
      readonly control: readonly MessagePort[];
      readonly exchange: readonly MessagePort[];
      readonly isolated: boolean;
    }
  | { readonly type: 'trainer-failed'; readonly rank: number; readonly reason: string };

/** A live change as the page sends it: a path and a number, boolean or string. */
export function isHyperparameterChange(value: unknown): value is HyperparameterChange {
  return isRecord(value) && isString(value['path']) && ['number', 'boolean', 'string'].includes(typeof value['value']);
}

const RUN_COMMAND_CHECKS: TagChecks<RunCommand> = {
  start: (value) =>
    isRecord(value['config']) &&
    isRecord(value['dataset']) &&
    isOptional(
      value['weights'],
      (weights) => isRecord(weights) && weights['bytes'] instanceof ArrayBuffer && isString(weights['name']),
    ),
  pause: tagOnly,
  resume: tagOnly,
  stop: tagOnly,
  'save-checkpoint': tagOnly,
  'continue-with-remaining': tagOnly,
  'step-once': tagOnly,
  'download-weights': (value) =>
    isOptional(value['naming'], (naming) => isOneOf(WEIGHT_NAMINGS, naming)) &&
    isOptional(value['purpose'], (purpose) => isOneOf(WEIGHTS_PURPOSES, purpose)),
  'encode-protein': (value) => isOptional(value['proteinId'], isString),
  'set-hyperparameters': (value) => isArrayOf(value['changes'], isHyperparameterChange),
  'inject-fault': (value) =>
    isNumber(value['rank']) && isOneOf(INJECTED_FAULTS, value['fault']) && isNumber(value['atStep']),
};

export const isRunCommand = unionGuard<RunCommand>(RUN_COMMAND_CHECKS);

export const isCoordinatorCommand = unionGuard<CoordinatorCommand>({
  ...RUN_COMMAND_CHECKS,
  'attach-trainers': (value) =>
    Array.isArray(value['control']) && Array.isArray(value['exchange']) && typeof value['isolated'] === 'boolean',
  'trainer-failed': (value) => isNumber(value['rank']) && isString(value['reason']),
});
