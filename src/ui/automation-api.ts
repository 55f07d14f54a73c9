/**
 * Driving a training run without a person at the page (`npm run train`): start a run from config text, read what
 * happened as a queue of plain-JSON events the driver drains, ask for a checkpoint, stop. Events are read from the
 * stores the page already keeps (run, metrics, run events), so a driven run is exactly what the page would show;
 * files the page would download (checkpoints, weights) come through the queue instead, as base64.
 */
import type { GpuProbeReport } from '../protocol/gpu-probe-messages';
import type { MetricPoint } from '../protocol/metric-point';
import type { RunInfo, TrainerFault } from '../protocol/coordinator-messages';
import { openedDatasetFile, useDatasetStore, type DatasetState } from '../state/dataset-store';
import { useGpuStore } from '../state/gpu-store';
import { useMetricsStore } from '../state/charts/metrics-store';
import { useRunEvents, type RunEvent } from '../state/run/run-events';
import { downloadFinalCheckpoint, pauseRun, saveCheckpoint, startRun, stopRun } from '../state/run/run-commands';
import { importConfigText } from '../state/run/config-actions';
import { setRunDependencies } from '../state/run/run-session';
import { useRunStore, type LogLine, type RunStatus } from '../state/run/run-store';
import { trainingSourceFor } from '../state/run/training-dataset';

/** One thing that happened in the driven run, oldest first in the queue. `time`: `Date.now()` in the page. */
export type AutomationEvent =
  | { readonly type: 'state'; readonly time: number; readonly status: RunStatus; readonly message: string | null }
  | { readonly type: 'info'; readonly time: number; readonly info: RunInfo }
  | { readonly type: 'metrics'; readonly time: number; readonly points: readonly MetricPoint[] }
  | { readonly type: 'log'; readonly time: number; readonly level: LogLine['level']; readonly message: string }
  | { readonly type: 'fault'; readonly time: number; readonly fault: TrainerFault }
  /** A marker the charts draw: a live hyper-parameter change, a pause, a fault. */
  | { readonly type: 'run-event'; readonly time: number; readonly event: RunEvent }
  /** A checkpoint's bytes as base64; `final`: saved by the trainers when the run finished. */
  | {
      readonly type: 'checkpoint';
      readonly time: number;
      readonly step: number;
      readonly fileName: string;
      readonly final: boolean;
      readonly base64: string;
    }
  /** Any other file the page would have downloaded (weights as safetensors), as base64. */
  | {
      readonly type: 'file';
      readonly time: number;
      readonly fileName: string;
      readonly mimeType: string;
      readonly base64: string;
    };

export interface AutomationStatus {
  /** The WebGPU probe's report; null while it runs. */
  readonly gpu: GpuProbeReport | null;
  /** `setAside`: how many proteins or files the panel set aside, and the first one's `source: reason`. */
  readonly dataset: {
    readonly status: DatasetState['status'];
    readonly name: string | null;
    readonly proteins: number | null;
    readonly error: string | null;
    readonly setAside: number;
    readonly firstSetAside: string | null;
  };
  readonly run: { readonly status: RunStatus; readonly error: string | null; readonly checkpointPending: boolean };
}

export type AutomationStart = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface AutomationApi {
  status(): AutomationStatus;
  /**
   * Imports `configText` (named `fileName`, studio or FoldTree2 keys) as the page's config and starts a run on the
   * dataset the page has open; with `checkpointBase64`, continues that saved run.
   */
  start(
    configText: string,
    fileName: string,
    checkpointBase64?: string,
    weights?: { readonly name: string; readonly base64: string },
  ): AutomationStart;
  /** Events since the last call, oldest first. */
  drainEvents(): AutomationEvent[];
  /** Pauses a running run after the step in flight (checkpoints are taken while paused: see `requestCheckpoint`). */
  pause(): void;
  /** Asks for a checkpoint; false when the run cannot save one now (not running or paused, or one is pending). */
  requestCheckpoint(): boolean;
  stop(): void;
}

function toBase64(data: ArrayBuffer | string): string {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data);
  let text = '';
  // In slices: spreading megabytes of arguments at once overflows the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function fromBase64(base64: string): ArrayBuffer {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes.buffer;
}

const queue: AutomationEvent[] = [];
/** Checkpoint bytes the run store handed to its file saver, until the store says which step they are. */
const savedCheckpoints = new Map<string, string>();
let tapped = false;

/** Taps the stores once: every change a run makes becomes an event in the queue. */
function tapStores(): void {
  if (tapped) return;
  tapped = true;
  setRunDependencies({
    saveFile: (data, fileName, mimeType) => {
      if (fileName.endsWith('.ftsckpt')) savedCheckpoints.set(fileName, toBase64(data));
      else queue.push({ type: 'file', time: Date.now(), fileName, mimeType, base64: toBase64(data) });
    },
  });
  useRunStore.subscribe((state, previous) => {
    const time = Date.now();
    if (state.status !== previous.status || state.statusMessage !== previous.statusMessage)
      queue.push({ type: 'state', time, status: state.status, message: state.statusMessage });
    if (state.info && state.info !== previous.info) queue.push({ type: 'info', time, info: state.info });
    if (state.fault && state.fault !== previous.fault) queue.push({ type: 'fault', time, fault: state.fault });
    // Each log line is its own store update, so a new last line is the one line added.
    const line = state.logs.at(-1);
    if (line && line !== previous.logs.at(-1))
      queue.push({ type: 'log', time: line.time, level: line.level, message: line.message });
    const checkpoint = state.lastCheckpoint;
    if (checkpoint && checkpoint !== previous.lastCheckpoint) {
      // The finished run's checkpoint is kept for download on request: request it, so it reaches the saver.
      if (checkpoint.final) downloadFinalCheckpoint();
      const base64 = savedCheckpoints.get(checkpoint.fileName);
      savedCheckpoints.delete(checkpoint.fileName);
      if (base64 !== undefined)
        queue.push({
          type: 'checkpoint',
          time,
          step: checkpoint.step,
          fileName: checkpoint.fileName,
          final: checkpoint.final === true,
          base64,
        });
    }
  });
  useMetricsStore.subscribe((state, previous) => {
    // `received` counts every point; `points` keeps the newest, the batch just appended among them.
    const added = state.received - previous.received;
    if (added > 0) queue.push({ type: 'metrics', time: Date.now(), points: state.points.slice(-added) });
  });
  useRunEvents.subscribe((state, previous) => {
    for (const event of state.events.slice(previous.events.length))
      queue.push({ type: 'run-event', time: Date.now(), event });
  });
}

function status(): AutomationStatus {
  const gpu = useGpuStore.getState();
  const dataset = useDatasetStore.getState();
  const run = useRunStore.getState();
  const first = dataset.summary?.skipped[0];
  return {
    gpu: gpu.status === 'done' ? gpu.report : null,
    dataset: {
      status: dataset.status,
      name: dataset.summary?.name ?? null,
      proteins: dataset.summary?.proteinCount ?? null,
      error: dataset.error,
      setAside: dataset.summary?.skipped.length ?? 0,
      firstSetAside: first ? `${first.source}: ${first.reason}` : null,
    },
    run: { status: run.status, error: run.error, checkpointPending: run.checkpointPending },
  };
}

function start(
  configText: string,
  fileName: string,
  checkpointBase64?: string,
  weights?: { readonly name: string; readonly base64: string },
): AutomationStart {
  tapStores();
  if (!importConfigText(configText, fileName))
    return { ok: false, reason: useRunStore.getState().configError ?? `${fileName} was refused` };
  // The studio page sits at the app's base, so the sample resolves against the page itself.
  const source = trainingSourceFor(useDatasetStore.getState(), './', location.href, openedDatasetFile());
  if (!source.ok) return { ok: false, reason: source.reason };
  queue.length = 0;
  const origin =
    checkpointBase64 !== undefined
      ? { checkpoint: fromBase64(checkpointBase64) }
      : weights
        ? { weights: { name: weights.name, bytes: fromBase64(weights.base64) } }
        : undefined;
  startRun(source.dataset, source.configName, origin);
  const { status: now, error } = useRunStore.getState();
  if (now !== 'starting') return { ok: false, reason: error ?? `the run did not start (it is ${now})` };
  return { ok: true };
}

function requestCheckpoint(): boolean {
  saveCheckpoint();
  return useRunStore.getState().checkpointPending;
}

/** The API as installed on `window.studioTest.automation`. */
export function automationApi(): AutomationApi {
  return {
    status,
    start,
    drainEvents: () => queue.splice(0),
    pause: pauseRun,
    requestCheckpoint,
    stop: stopRun,
  };
}
