/**
 * Recording the current run into the runs list, as the run store reports it: its start, info, state, metric
 * points, events and checkpoints. Storage never holds training up: points are buffered and written in chunks
 * (every `FLUSH_POINTS` points or `FLUSH_MS`).
 */
import type { MetricPoint } from '../../protocol/metric-point';
import type { RunConfig } from '../../protocol/run-config';
import type { RunInfo, RunState } from '../../protocol/coordinator-messages';
import { defaultRunName } from '../../protocol/run-name';
import { useRunEvents, type RunEvent } from '../run/run-events';
import type { StoredRun } from './runs-db';
import { runById, useRunsStore } from './runs-state';
import { persist, storage, updateRun } from './runs-storage';

/** Buffered points that trigger a write. */
export const FLUSH_POINTS = 200;
/** Longest a point waits in the buffer, ms. */
export const FLUSH_MS = 2000;

/** What the recorder holds: nothing, or the run it records (the store's `activeRunId`) and its write counters. */
type Recording =
  | { readonly name: 'none' }
  | {
      readonly name: 'recording';
      readonly runId: string;
      /** The run's name as it started, to follow the coordinator's name until the user renames it. */
      startName: string | null;
      /** Points not yet written, and the timer that writes them. */
      pending: MetricPoint[];
      flushTimer: ReturnType<typeof setTimeout> | null;
      nextChunk: number;
      nextEventSeq: number;
      /** step|kind|label of the run's events: the same event reported twice is stored once. */
      readonly eventKeys: Set<string>;
      /** Steps of the run's stored checkpoints. */
      readonly checkpointSteps: Set<number>;
    };

let recording: Recording = { name: 'none' };
let lastCreatedAt = 0;
let unfollowMarkers: (() => void) | null = null;

function active(): Extract<Recording, { name: 'recording' }> | null {
  return recording.name === 'recording' && recording.runId === useRunsStore.getState().activeRunId ? recording : null;
}

function newRunId(): string {
  // randomUUID exists only in secure contexts; a page served over plain http on a LAN address still needs ids.
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Starts recording a run (the previous one's buffered points are written first). Returns its id. */
export function recordRunStart(config: RunConfig, datasetName: string): string {
  void flushPoints();
  // Chart markers added for the current run are stored with it.
  unfollowMarkers ??= useRunEvents.subscribe((state, previous) => {
    if (state.events.length > previous.events.length)
      for (const event of state.events.slice(previous.events.length)) recordEvent(event);
  });
  // Strictly increasing, so two runs started within one millisecond still list in the order they started.
  const createdAt = Math.max(Date.now(), lastCreatedAt + 1);
  lastCreatedAt = createdAt;
  const name = config.logging.runName ?? defaultRunName(config.model.preset, new Date(createdAt));
  const run: StoredRun = {
    id: newRunId(),
    name,
    createdAt,
    config,
    datasetName,
    info: null,
    status: 'starting',
    lastStep: 0,
    checkpoints: 0,
  };
  recording = {
    name: 'recording',
    runId: run.id,
    startName: name,
    pending: [],
    flushTimer: null,
    nextChunk: 0,
    nextEventSeq: 0,
    eventKeys: new Set(),
    checkpointSteps: new Set(),
  };
  storage.warned = new Set();
  useRunsStore.setState((state) => ({ runs: [run, ...state.runs], activeRunId: run.id }));
  void persist('the run', (db) => db.putRun(run));
  return run.id;
}

/** The coordinator's setup; the run takes the coordinator's name unless the user renamed it. */
export function recordRunInfo(info: RunInfo): void {
  const rec = active();
  if (!rec) return;
  void updateRun(rec.runId, (run) => ({ ...run, info, name: run.name === rec.startName ? info.runName : run.name }));
}

/** Buffers a batch of the active run's points; written when the buffer is full or has waited `FLUSH_MS`. */
export function recordMetrics(points: readonly MetricPoint[]): void {
  const rec = active();
  if (!rec || points.length === 0) return;
  rec.pending.push(...points);
  if (rec.pending.length >= FLUSH_POINTS) void flushPoints();
  else rec.flushTimer ??= setTimeout(() => void flushPoints(), FLUSH_MS);
}

/** Writes the buffered points as the next chunk and the run's new last step. Resolves once written. */
export function flushPoints(): Promise<void> {
  if (recording.name !== 'recording') return storage.queue;
  if (recording.flushTimer !== null) clearTimeout(recording.flushTimer);
  recording.flushTimer = null;
  const rec = active();
  if (!rec || rec.pending.length === 0) return storage.queue;
  const batch = rec.pending;
  const chunk = rec.nextChunk++;
  rec.pending = [];
  const lastStep = batch[batch.length - 1]?.step ?? 0;
  void persist('metric points', (db) => db.putPoints(rec.runId, chunk, batch));
  return updateRun(rec.runId, (run) => ({ ...run, lastStep: Math.max(run.lastStep, lastStep) }));
}

/** The run's state as the coordinator reported it; an ending writes the buffered points at once. */
export function recordRunState(status: RunState): void {
  const rec = active();
  if (!rec || runById(rec.runId)?.status === status) return;
  if (status === 'stopped' || status === 'finished' || status === 'failed') void flushPoints();
  void updateRun(rec.runId, (run) => ({ ...run, status }));
}

/** An event of the active run (a change, a fault …); one already recorded with the same step, kind and label is skipped. */
export function recordEvent(event: RunEvent): void {
  const rec = active();
  const key = `${event.step}|${event.kind}|${event.label}`;
  if (!rec || rec.eventKeys.has(key)) return;
  rec.eventKeys.add(key);
  const seq = rec.nextEventSeq++;
  void persist('an event', (db) => db.putEvent(rec.runId, seq, event));
}

/** A checkpoint of the active run (`final`: saved when it finished); its bytes are copied, the caller keeps its own. */
export function recordCheckpoint(step: number, fileName: string, bytes: ArrayBuffer, final = false): void {
  const rec = active();
  if (!rec) return;
  const copy = bytes.slice(0);
  const runId = rec.runId;
  void persist('a checkpoint', (db) => db.putCheckpoint({ runId, step, fileName, bytes: copy, final }));
  // A second checkpoint at the same step replaces the first (same key).
  if (rec.checkpointSteps.has(step)) return;
  rec.checkpointSteps.add(step);
  void updateRun(runId, (run) => ({ ...run, checkpoints: run.checkpoints + 1 }));
}

/** The user renamed run `id`: if it is the one recorded, it no longer follows the coordinator's name. */
export function renameRecording(id: string): void {
  if (recording.name === 'recording' && recording.runId === id) recording.startName = null;
}

/** Recording ends without writing what is buffered (the run was deleted, or the list reset). */
export function stopRecording(): void {
  if (recording.name === 'recording' && recording.flushTimer !== null) clearTimeout(recording.flushTimer);
  recording = { name: 'none' };
}
