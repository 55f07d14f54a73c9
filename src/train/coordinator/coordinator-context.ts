/**
 * What the coordinator's parts share: the platform it posts through, the replica group, the run it drives and its
 * phase. One object, created by `createCoordinatorService`, handed to the functions of each part.
 */
import type { RunConfig } from '../../protocol/run-config';
import type {
  HyperparameterChange,
  RunInfo,
  CoordinatorEvent,
  TrainingDataset,
} from '../../protocol/coordinator-messages';
import type { Master } from '../parallel/master-replica';
import type { Replica, ReplicaGroup } from '../parallel/replica-group';
import type { SumCoordinator } from '../parallel/sum-exchange';
import type { CoordinatorPhase } from './coordinator-phase';
import type { MetricBatcher } from './metric-batcher';

export interface CoordinatorPlatform {
  post(event: CoordinatorEvent, transfer?: Transferable[]): void;
  /** Keeps a copy of a checkpoint in the browser's storage (OPFS); returns where, or null where there is none. */
  storeCheckpoint?(fileName: string, bytes: ArrayBuffer): Promise<string | null>;
  /** Lets queued messages (pause, stop) run between steps. */
  yieldToEvents(): Promise<void>;
  now(): number;
}

/** The run being driven. */
export interface CoordinatorRun {
  readonly config: RunConfig;
  readonly dataset: TrainingDataset;
  info: RunInfo;
  /** Optimizer steps every member has completed. */
  step: number;
  /** The step the run ends at: the planned total, or the step at which the replicas found every epoch done. */
  endStep: number;
  /** The replicas the current exchange was set up for, in rank order. */
  members: Replica[];
  exchange: SumCoordinator | null;
  /** Strategy dp: the master weights and optimizer (loaded on demand, with tfjs). */
  master: Master | null;
  /** Live changes waiting for the next step (every replica takes them with its `step` command). */
  pendingChanges: HyperparameterChange[];
  /** Whether this run has a checkpoint to restart from (saved here, or the one it resumed from). */
  hasCheckpoint: boolean;
  /** Replicas agreeing within tolerance but not bit for bit is said once a run. */
  reportedInexact: boolean;
}

export interface Coordinator {
  readonly platform: CoordinatorPlatform;
  readonly metrics: MetricBatcher;
  group: ReplicaGroup | null;
  /** The page is cross-origin isolated: the exchange may use a SharedArrayBuffer. */
  isolated: boolean;
  run: CoordinatorRun | null;
  phase: CoordinatorPhase;
}

export function log(c: Coordinator, level: 'info' | 'warning' | 'error', message: string): void {
  c.platform.post({ type: 'log', level, message });
}

/** How long one replica may take for a step (or any other request) before it counts as failed. */
export function stepTimeoutMs(c: Coordinator): number {
  return (c.run?.config.training.trainerTimeoutS ?? 120) * 1000;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
