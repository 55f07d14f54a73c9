/**
 * Coordinator ⇄ trainer contract, over one MessagePort per trainer (wired by src/client, never through the main
 * thread's hands once running). The coordinator drives the replicas in lockstep: `step` to every rank, then the
 * gradient exchange (sum-exchange.ts) joins them inside the step, then one `stepped` per rank.
 */
import { isRecord } from '../shared/assert-never';
import {
  INJECTED_FAULTS,
  type HyperparameterChange,
  type InitialWeights,
  type InjectedFault,
  type TrainingDataset,
} from './coordinator-commands';
import type { TrainerSetup } from './coordinator-events';
import { isNumber, isOneOf, isString } from './field-guards';
import type { MetricPoint } from './metric-point';
import type { ProteinTokens } from './protein-tokens';
import type { RunConfig } from './run-config';
import { tagOnly, unionGuard } from './union-guard';
import type { WeightChecksum } from './weight-checksum';

/**
 * How a replica reaches the coordinator's gradient sum: one shared buffer (cross-origin isolated pages), or
 * messages over the exchange port the page handed the trainer at connection.
 */
export type ExchangeSetup = (
  { readonly kind: 'shared'; readonly buffer: SharedArrayBuffer } | { readonly kind: 'message' }
) & {
  /** ddp: each replica steps its own optimizer on the sum; dp: the coordinator's master steps and sends weights. */
  readonly strategy: 'ddp' | 'dp';
};

/** Page → trainer worker, once: the ports to its coordinator (commands/events) and for the message exchange. */
export interface TrainerConnect {
  readonly type: 'connect';
  readonly control: MessagePort;
  readonly exchange: MessagePort;
}

export function isTrainerConnect(value: unknown): value is TrainerConnect {
  return isRecord(value) && value['type'] === 'connect' && isRecord(value['control']) && isRecord(value['exchange']);
}

export type ReplicaCommand =
  | {
      readonly type: 'init';
      readonly config: RunConfig;
      readonly dataset: TrainingDataset;
      readonly rank: number;
      readonly worldSize: number;
      /** Start from these weights, optimizer state and counters (a file, or the survivors' state after a fault). */
      readonly checkpoint?: ArrayBuffer;
      /** A fresh run from these weights (a safetensors file); ignored with a checkpoint. */
      readonly weights?: InitialWeights;
    }
  /** After every rank is ready (the shared buffer's size depends on the model): how to exchange; null for one trainer. */
  | { readonly type: 'connect-exchange'; readonly exchange: ExchangeSetup | null }
  /** `changes`: live hyper-parameter changes to take before this step (every rank gets the same ones). */
  | { readonly type: 'step'; readonly changes?: readonly HyperparameterChange[] }
  | { readonly type: 'checksum' }
  | { readonly type: 'encode'; readonly proteinId?: string }
  | { readonly type: 'save' }
  | { readonly type: 'inject-fault'; readonly fault: InjectedFault; readonly atStep: number }
  | { readonly type: 'dispose' };

/** What a replica reports once set up (rank 0's is the run's). */
export interface ReplicaInfo extends TrainerSetup {
  /** Optimizer steps already taken (from a checkpoint). */
  readonly step: number;
  /** Floats one rank hands in per exchange round at most (sizes the shared buffer). */
  readonly exchangeCapacity: number;
}

/** Why a replica stopped: 'out-of-memory' and 'device-lost' get their own advice. */
export type ReplicaFailureKind = 'error' | 'device-lost' | 'out-of-memory';

export type ReplicaEvent =
  | { readonly type: 'ready'; readonly info: ReplicaInfo }
  | { readonly type: 'log'; readonly level: 'info' | 'warning' | 'error'; readonly message: string }
  /**
   * `point` null: the run had already finished every epoch. `exchangeMs`: time spent waiting in the all-reduce;
   * `residues`: real residues this replica processed in the step.
   */
  | {
      readonly type: 'stepped';
      readonly point: MetricPoint | null;
      readonly exchangeMs: number;
      readonly residues: number;
    }
  | { readonly type: 'checksum'; readonly step: number; readonly checksum: WeightChecksum }
  | { readonly type: 'saved'; readonly step: number; readonly bytes: ArrayBuffer }
  | { readonly type: 'encoded'; readonly step: number; readonly tokens: ProteinTokens }
  /** A token request that could not be answered (the run has ended, or encoding threw): `reason` says why. */
  | { readonly type: 'encode-failed'; readonly reason: string }
  /** The coordinator aborted the step's exchange (another rank failed): nothing was applied, this replica is fine. */
  | { readonly type: 'step-aborted'; readonly step: number }
  | { readonly type: 'failed'; readonly kind: ReplicaFailureKind; readonly message: string };

export const isReplicaCommand = unionGuard<ReplicaCommand>({
  init: (value) =>
    isRecord(value['config']) && isRecord(value['dataset']) && isNumber(value['rank']) && isNumber(value['worldSize']),
  'connect-exchange': (value) => value['exchange'] === null || isRecord(value['exchange']),
  'inject-fault': (value) => isOneOf(INJECTED_FAULTS, value['fault']) && isNumber(value['atStep']),
  encode: tagOnly,
  step: tagOnly,
  checksum: tagOnly,
  save: tagOnly,
  dispose: tagOnly,
});

export const isReplicaEvent = unionGuard<ReplicaEvent>({
  ready: (value) => isRecord(value['info']),
  log: (value) => isString(value['message']),
  failed: (value) => isString(value['message']),
  stepped: (value) => (value['point'] === null || isRecord(value['point'])) && isNumber(value['exchangeMs']),
  checksum: (value) => isRecord(value['checksum']) && isNumber(value['step']),
  saved: (value) => value['bytes'] instanceof ArrayBuffer && isNumber(value['step']),
  'step-aborted': (value) => isNumber(value['step']),
  encoded: (value) => isRecord(value['tokens']) && isNumber(value['step']),
  'encode-failed': (value) => isString(value['reason']),
});
