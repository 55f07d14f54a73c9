/**
 * The training run as the page shows it: its status as the coordinator reports it, the `RunInfo`, the `RunConfig`
 * being edited, log lines and the last error. Actions live beside it: `run-commands.ts` (start, pause, stop …),
 * `config-actions.ts` (edits, import, export), `coordinator-events.ts` (what the coordinator reports). Metrics go
 * to the metrics store; the runs list records every run.
 */
import { create } from 'zustand';
import type { RunInfo, TrainerFault, RunState } from '../../protocol/coordinator-messages';
import type { RunConfig } from '../../protocol/run-config';
import { browserRunConfig, type ConfigPath } from '../config/config-edit';
import { recordRunState } from '../runs/run-recorder';
import { setRunsWarningSink } from '../runs/runs-storage';

/** `idle`: no run yet on this page. */
export type RunStatus = 'idle' | RunState;

export interface LogLine {
  /** `Date.now()` when the page received it. */
  readonly time: number;
  readonly level: 'info' | 'warning' | 'error';
  readonly message: string;
}

export interface ConfigNote {
  readonly severity: 'info' | 'warning';
  readonly message: string;
}

export interface RunStoreState {
  readonly status: RunStatus;
  /** What came with the latest state change, if anything. */
  readonly statusMessage: string | null;
  readonly info: RunInfo | null;
  /** The config the next run starts with (and, during a run, the one it started with). */
  readonly config: RunConfig;
  /** Keys whose last edit was refused, with what they accept; the config keeps the previous value. */
  readonly fieldErrors: Readonly<Partial<Record<ConfigPath, string>>>;
  /** Bumped when the whole config is replaced (import, reset), so editors drop what was being typed. */
  readonly configRevision: number;
  /** Warnings of the last config import. */
  readonly configNotes: readonly ConfigNote[];
  /** Why the last config import was refused (the config did not change). */
  readonly configError: string | null;
  readonly logs: readonly LogLine[];
  /** The run's failure, or a command that could not be carried out. */
  readonly error: string | null;
  readonly checkpointPending: boolean;
  /** `final`: the finished run's own checkpoint, downloaded only on request (`downloadFinalCheckpoint`). */
  readonly lastCheckpoint: {
    readonly fileName: string;
    readonly step: number;
    readonly bytes: number;
    readonly final?: boolean;
  } | null;
  /** A trainer failed and the run is paused; null otherwise. */
  readonly fault: TrainerFault | null;
}

/** Log lines kept; older ones are dropped. */
export const MAX_LOG_LINES = 500;

const ACTIVE: readonly RunStatus[] = ['starting', 'running', 'paused'];

export function isActive(status: RunStatus): boolean {
  return ACTIVE.includes(status);
}

/** The run has ended: stopped, finished or failed. */
export function isTerminal(status: RunStatus): boolean {
  return status === 'stopped' || status === 'finished' || status === 'failed';
}

/** The run trains or is paused: the coordinator holds its weights and takes commands. */
export function isTraining(status: RunStatus): boolean {
  return status === 'running' || status === 'paused';
}

export function initialRunState(): RunStoreState {
  return {
    status: 'idle',
    statusMessage: null,
    info: null,
    config: browserRunConfig(),
    fieldErrors: {},
    configRevision: 0,
    configNotes: [],
    configError: null,
    logs: [],
    error: null,
    checkpointPending: false,
    lastCheckpoint: null,
    fault: null,
  };
}

export const useRunStore = create<RunStoreState>()(initialRunState);

export function appendLog(level: LogLine['level'], message: string): void {
  useRunStore.setState((state) => ({
    logs: [...state.logs.slice(-(MAX_LOG_LINES - 1)), { time: Date.now(), level, message }],
  }));
}

/** The run failed (or a command could not be carried out): said in the status, the log and the runs list. */
export function failRun(message: string): void {
  useRunStore.setState({ status: 'failed', statusMessage: message, error: message, checkpointPending: false });
  appendLog('error', message);
  recordRunState('failed');
}

/** The runs list stores every run; a write it could not make is a warning in the run log, never the run's failure. */
export function logRunsWarnings(): void {
  setRunsWarningSink((message) => appendLog('warning', message));
}
