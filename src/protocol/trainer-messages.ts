/**
 * Page ⇄ trainer worker contract. The page starts a run with a resolved RunConfig and a dataset, then steers it;
 * the worker streams metric points (batched, at most a few messages per second) and state changes.
 */
import { isRecord } from '../shared/assert-never';
import type { MetricPoint } from './metric-point';
import type { RunConfig } from './run-config';

export type TrainingDataset = { readonly kind: 'sample'; readonly url: string; readonly name: string } | { readonly kind: 'file'; readonly file: File };

export type TrainerCommand =
  | { readonly type: 'start'; readonly config: RunConfig; readonly dataset: TrainingDataset; readonly checkpoint?: ArrayBuffer }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'stop' }
  | { readonly type: 'save-checkpoint' };

export type TrainerRunState = 'starting' | 'running' | 'paused' | 'stopped' | 'finished' | 'failed';

/** What the page shows about the run once it is set up. */
export interface RunInfo {
  readonly runName: string;
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

export type TrainerEvent =
  | { readonly type: 'state'; readonly state: TrainerRunState; readonly message?: string }
  | { readonly type: 'info'; readonly info: RunInfo }
  | { readonly type: 'metrics'; readonly points: readonly MetricPoint[] }
  | { readonly type: 'log'; readonly level: 'info' | 'warning' | 'error'; readonly message: string }
  | { readonly type: 'checkpoint'; readonly step: number; readonly bytes: ArrayBuffer; readonly fileName: string };

export function isTrainerCommand(value: unknown): value is TrainerCommand {
  if (!isRecord(value)) return false;
  switch (value['type']) {
    case 'start':
      return isRecord(value['config']) && isRecord(value['dataset']);
    case 'pause':
    case 'resume':
    case 'stop':
    case 'save-checkpoint':
      return true;
    default:
      return false;
  }
}

export function isTrainerEvent(value: unknown): value is TrainerEvent {
  if (!isRecord(value)) return false;
  switch (value['type']) {
    case 'state':
      return typeof value['state'] === 'string';
    case 'info':
      return isRecord(value['info']);
    case 'metrics':
      return Array.isArray(value['points']);
    case 'log':
      return typeof value['message'] === 'string';
    case 'checkpoint':
      return value['bytes'] instanceof ArrayBuffer && typeof value['step'] === 'number';
    default:
      return false;
  }
}
