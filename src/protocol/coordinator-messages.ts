/**
 * Page ⇄ coordinator worker contract. The page starts a run with a resolved RunConfig and a dataset, then steers
 * it; the coordinator drives the trainer workers and streams merged metric points (batched, at most a few messages
 * per second) and state changes. The page's client also hands the coordinator its ports to the trainers
 * (`attach-trainers`) and reports trainer workers that died (`trainer-failed`).
 */
import { isRecord } from '../shared/assert-never';
import type { MetricPoint } from './metric-point';
import type { SkippedItem } from './protein-graph';
import type { RunConfig } from './run-config';

/** Ways the fault-handling tests make a replica fail as real ones do. */
export const INJECTED_FAULTS = ['throw', 'device-lost', 'hang', 'out-of-memory', 'drift'] as const;
export type InjectedFault = (typeof INJECTED_FAULTS)[number];

/** One live change: a config key (`optimizer.adamwLr`) and its new value as the user set it. */
export interface HyperparameterChange {
  readonly path: string;
  readonly value: number | boolean | string;
}

/** One protein's structural tokens under the current weights (the teaching view's token strip). */
export interface ProteinTokens {
  readonly proteinId: string;
  readonly sequence: string;
  /** One code per residue, 0 … codebookSize − 1. */
  readonly codes: readonly number[];
  /** Per-residue pLDDT (0–1) where the file holds model confidence; null for B-factors. */
  readonly plddt: readonly number[] | null;
  readonly codebookSize: number;
  /** DSSP class per residue (0 loop, 1 helix, 2 strand, −1 unknown), for the 3D view. */
  readonly ss?: readonly number[];
  /** CA coordinates in Å, residue-major (N × 3), for the 3D view. */
  readonly ca?: readonly number[];
  /** The codebook and each residue's encoder output before quantization, for the teaching view's codebook map. */
  readonly vectors?: CodebookVectors;
}

/** Code vectors and encoder outputs in one space: what the codebook map projects to a plane. */
export interface CodebookVectors {
  /** Width D of every vector. */
  readonly dim: number;
  /** The codebook [K × D], row-major: row k is code k. */
  readonly codebook: readonly number[];
  /** Encoder outputs z [N × D], row-major, one row per residue of the protein. */
  readonly outputs: readonly number[];
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

/** Names a weights file is written under: the studio's own, or FoldTree2's PyTorch `state_dict` names. */
/** studio: our names; foldtree2: FoldTree2's state_dict names; foldtree2-handover: a zip of the FoldTree2 hand-over folder. */
export const WEIGHT_NAMINGS = ['studio', 'foldtree2', 'foldtree2-handover'] as const;
export type WeightNaming = (typeof WEIGHT_NAMINGS)[number];

/** What the page asked the current weights for: a download, or the dataset encoder. */
export type WeightsPurpose = 'save' | 'encode';

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

export const RUN_STATES = ['starting', 'running', 'paused', 'stopped', 'finished', 'failed'] as const;
export type RunState = (typeof RUN_STATES)[number];

export const LOG_LEVELS = ['info', 'warning', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const FAULT_KINDS = ['error', 'device-lost', 'out-of-memory', 'timeout', 'terminated', 'drift'] as const;

/** What the page shows about the run once it is set up. */
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

export function isRunCommand(value: unknown): value is RunCommand {
  if (!isRecord(value)) return false;
  switch (value['type']) {
    case 'start':
      return (
        isRecord(value['config']) &&
        isRecord(value['dataset']) &&
        (value['weights'] === undefined ||
          (isRecord(value['weights']) &&
            value['weights']['bytes'] instanceof ArrayBuffer &&
            typeof value['weights']['name'] === 'string'))
      );
    case 'pause':
    case 'resume':
    case 'stop':
    case 'save-checkpoint':
    case 'continue-with-remaining':
    case 'step-once':
      return true;
    case 'download-weights':
      return (
        (value['naming'] === undefined || WEIGHT_NAMINGS.includes(value['naming'] as WeightNaming)) &&
        (value['purpose'] === undefined || value['purpose'] === 'save' || value['purpose'] === 'encode')
      );
    case 'encode-protein':
      return value['proteinId'] === undefined || typeof value['proteinId'] === 'string';
    case 'set-hyperparameters':
      return Array.isArray(value['changes']) && value['changes'].every(isChange);
    case 'inject-fault':
      return (
        typeof value['rank'] === 'number' &&
        isOneOf(INJECTED_FAULTS, value['fault']) &&
        typeof value['atStep'] === 'number'
      );
    default:
      return false;
  }
}

export function isCoordinatorCommand(value: unknown): value is CoordinatorCommand {
  if (!isRecord(value)) return false;
  switch (value['type']) {
    case 'attach-trainers':
      return (
        Array.isArray(value['control']) && Array.isArray(value['exchange']) && typeof value['isolated'] === 'boolean'
      );
    case 'trainer-failed':
      return typeof value['rank'] === 'number' && typeof value['reason'] === 'string';
    default:
      return isRunCommand(value);
  }
}

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T => list.includes(value as T);
const isOptional = (value: unknown, check: (v: unknown) => boolean) => value === undefined || check(value);
const isString = (value: unknown) => typeof value === 'string';
const isNumber = (value: unknown) => typeof value === 'number';

function isChange(value: unknown): value is HyperparameterChange {
  return isRecord(value) && isString(value['path']) && ['number', 'boolean', 'string'].includes(typeof value['value']);
}

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

export function isCoordinatorEvent(value: unknown): value is CoordinatorEvent {
  if (!isRecord(value)) return false;
  switch (value['type']) {
    case 'state':
      return isOneOf(RUN_STATES, value['state']) && isOptional(value['message'], isString);
    case 'info':
      return isRunInfo(value['info']);
    case 'metrics':
      return (
        Array.isArray(value['points']) && value['points'].every((p: unknown) => isRecord(p) && isNumber(p['step']))
      );
    case 'log':
      return isOneOf(LOG_LEVELS, value['level']) && isString(value['message']);
    case 'checkpoint':
      return isFileEvent(value) && isOptional(value['final'], (v) => typeof v === 'boolean');
    case 'fault':
      return isFault(value['fault']);
    case 'weights':
      return isFileEvent(value) && isOptional(value['purpose'], (v) => v === 'save' || v === 'encode');
    case 'tokens':
      return isTokens(value['tokens']) && isNumber(value['step']);
    case 'hyperparameters-changed':
      return isNumber(value['step']) && Array.isArray(value['changes']) && value['changes'].every(isChange);
    default:
      return false;
  }
}
