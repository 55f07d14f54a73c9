/**
 * The runs list: every run this browser trained, kept in `RunsDb` (IndexedDB) with its config, info, state,
 * metric points, events and checkpoints, so runs outlive the page. The run store reports the current run through
 * the `record*` actions; the list overlays chosen runs on the charts (`run-overlays.ts`), renames, deletes and
 * downloads them.
 *
 * Storage never holds training up: points are buffered and written in chunks (every `FLUSH_POINTS` points or
 * `FLUSH_MS`), every write goes through one queue so writes land in order, and a failed write becomes a warning
 * (once per kind per run), never an exception.
 */
import { create } from 'zustand';
import type { MetricPoint } from '../protocol/metric-point';
import type { RunConfig } from '../protocol/run-config';
import { defaultRunName } from '../protocol/run-name';
import type { RunInfo, RunState } from '../protocol/coordinator-messages';
import { safeFileName, saveWithObjectUrl, type FileSaver } from './download-file';
import { overlayPoints } from './overlay-points';
import { configYamlOf, runArchive } from './run-archive';
import { useRunEvents, type RunEvent } from './run-events';
import { setOverlays, type OverlayRun } from './run-overlays';
import { openIndexedRunsDb, type RunsDb, type StoredRun } from './runs-db';
import { memoryRunsDb } from './runs-db-memory';

/** Overlay colours, in the order they are handed out (distinct from the current run's near-black total). */
export const OVERLAY_COLORS = ['#e1533b', '#20a36b', '#a35bd6', '#e0a100', '#1aa3b8', '#d6457f', '#6b7a8f', '#3867d6'] as const;
/** Buffered points that trigger a write. */
export const FLUSH_POINTS = 200;
/** Longest a point waits in the buffer, ms. */
export const FLUSH_MS = 2000;

export interface RunsState {
  /** Newest first. */
  readonly runs: readonly StoredRun[];
  /** Runs drawn on the charts, in the order they were chosen, with their colour. */
  readonly overlaid: ReadonlyArray<{ readonly id: string; readonly color: string }>;
  /** The run this page is recording (null before the first run, or after it was deleted). */
  readonly activeRunId: string | null;
  /** The stored runs have been read. */
  readonly loaded: boolean;
  /** False when storage was unavailable and runs last only as long as the page. */
  readonly persistent: boolean;
}

const initialState = (): RunsState => ({ runs: [], overlaid: [], activeRunId: null, loaded: false, persistent: true });

export const useRunsStore = create<RunsState>()(initialState);

const openDefault = (): Promise<RunsDb> =>
  openIndexedRunsDb().catch((error: unknown) => {
    if (globalThis.indexedDB) warn(`Runs are kept only while this page is open: the browser refused storage (${messageOf(error)})`);
    return memoryRunsDb();
  });

let openDb: () => Promise<RunsDb> = openDefault;
let dbPromise: Promise<RunsDb> | null = null;
let saveFile: FileSaver = saveWithObjectUrl;
let warn: (message: string) => void = (message) => console.warn(message);
/** Writes in order; always resolves. */
let queue: Promise<void> = Promise.resolve();
let pending: MetricPoint[] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;
let nextChunk = 0;
let nextEventSeq = 0;
/** step|kind|label of the active run's events: the same event reported twice is stored once. */
let eventKeys = new Set<string>();
/** Steps of the active run's stored checkpoints. */
let checkpointSteps = new Set<number>();
/** Kinds of failed writes already reported for the active run. */
let warned = new Set<string>();
/** The active run's name as it started, to follow the trainer's name until the user renames it. */
let startName: string | null = null;
/** Bounded points of overlaid runs, by id. */
const overlayCache = new Map<string, readonly MetricPoint[]>();

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function database(): Promise<RunsDb> {
  dbPromise ??= openDb().then((db) => {
    useRunsStore.setState({ persistent: db.persistent });
    return db;
  });
  return dbPromise;
}

/** Queues `write`; a failure is reported once per `what` per run. Resolves when it (and all before it) ran. */
function persist(what: string, write: (db: RunsDb) => Promise<void>): Promise<void> {
  queue = queue
    .then(async () => write(await database()))
    .catch((error: unknown) => {
      if (warned.has(what)) return;
      warned.add(what);
      warn(`Could not store ${what} in the runs list: ${messageOf(error)}`);
    });
  return queue;
}

function runById(id: string): StoredRun | undefined {
  return useRunsStore.getState().runs.find((run) => run.id === id);
}

/** Replaces run `id` in the list and stores it. */
function updateRun(id: string, change: (run: StoredRun) => StoredRun, what = 'the run'): Promise<void> {
  const before = runById(id);
  if (!before) return queue;
  const after = change(before);
  useRunsStore.setState((state) => ({ runs: state.runs.map((run) => (run.id === id ? after : run)) }));
  return persist(what, (db) => db.putRun(after));
}

let lastCreatedAt = 0;

function newRunId(): string {
  // randomUUID exists only in secure contexts; a page served over plain http on a LAN address still needs ids.
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Starts recording a run (the previous one's buffered points are written first). Returns its id. */
export function recordRunStart(config: RunConfig, datasetName: string): string {
  void flushPoints();
  // Strictly increasing, so two runs started within one millisecond still list in the order they started.
  const createdAt = Math.max(Date.now(), lastCreatedAt + 1);
  lastCreatedAt = createdAt;
  const name = config.logging.runName ?? defaultRunName(config.model.preset, new Date(createdAt));
  const run: StoredRun = { id: newRunId(), name, createdAt, config, datasetName, info: null, status: 'starting', lastStep: 0, checkpoints: 0 };
  nextChunk = 0;
  nextEventSeq = 0;
  eventKeys = new Set();
  checkpointSteps = new Set();
  warned = new Set();
  startName = name;
  useRunsStore.setState((state) => ({ runs: [run, ...state.runs], activeRunId: run.id }));
  void persist('the run', (db) => db.putRun(run));
  return run.id;
}

/** The trainer's setup; the run takes the trainer's name unless the user renamed it. */
export function recordRunInfo(info: RunInfo): void {
  const id = useRunsStore.getState().activeRunId;
  if (!id) return;
  void updateRun(id, (run) => ({ ...run, info, name: run.name === startName ? info.runName : run.name }));
}

/** Buffers a batch of the active run's points; written when the buffer is full or has waited `FLUSH_MS`. */
export function recordMetrics(points: readonly MetricPoint[]): void {
  if (!useRunsStore.getState().activeRunId || points.length === 0) return;
  pending.push(...points);
  if (pending.length >= FLUSH_POINTS) void flushPoints();
  else flushTimer ??= setTimeout(() => void flushPoints(), FLUSH_MS);
}

/** Writes the buffered points as the next chunk and the run's new last step. Resolves once written. */
export function flushPoints(): Promise<void> {
  if (flushTimer !== null) clearTimeout(flushTimer);
  flushTimer = null;
  const id = useRunsStore.getState().activeRunId;
  if (!id || pending.length === 0) return queue;
  const batch = pending;
  const chunk = nextChunk++;
  pending = [];
  const lastStep = batch[batch.length - 1]?.step ?? 0;
  void persist('metric points', (db) => db.putPoints(id, chunk, batch));
  return updateRun(id, (run) => ({ ...run, lastStep: Math.max(run.lastStep, lastStep) }));
}

/** Resolves once every write queued so far has been made (or reported as failed). */
export function runsWritten(): Promise<void> {
  return queue;
}

/** The run's state as the trainer reported it; an ending writes the buffered points at once. */
export function recordRunState(status: RunState): void {
  const id = useRunsStore.getState().activeRunId;
  if (!id || runById(id)?.status === status) return;
  if (status === 'stopped' || status === 'finished' || status === 'failed') void flushPoints();
  void updateRun(id, (run) => ({ ...run, status }));
}

/** An event of the active run (a change, pause, fault …); one already recorded with the same step, kind and label is skipped. */
export function recordEvent(event: RunEvent): void {
  const id = useRunsStore.getState().activeRunId;
  const key = `${event.step}|${event.kind}|${event.label}`;
  if (!id || eventKeys.has(key)) return;
  eventKeys.add(key);
  const seq = nextEventSeq++;
  void persist('an event', (db) => db.putEvent(id, seq, event));
}

/** A checkpoint of the active run (`final`: saved when it finished); its bytes are copied, the caller keeps its own. */
export function recordCheckpoint(step: number, fileName: string, bytes: ArrayBuffer, final = false): void {
  const runId = useRunsStore.getState().activeRunId;
  if (!runId) return;
  const copy = bytes.slice(0);
  void persist('a checkpoint', (db) => db.putCheckpoint({ runId, step, fileName, bytes: copy, final }));
  // A second checkpoint at the same step replaces the first (same key).
  if (checkpointSteps.has(step)) return;
  checkpointSteps.add(step);
  void updateRun(runId, (run) => ({ ...run, checkpoints: run.checkpoints + 1 }));
}

// Chart markers added for the current run are stored with it.
useRunEvents.subscribe((state, previous) => {
  if (state.events.length > previous.events.length) for (const event of state.events.slice(previous.events.length)) recordEvent(event);
});

/** What the list shows: an active state on a run this page is not recording means its page went away mid-run. */
export function displayStatus(run: StoredRun, activeRunId: string | null): RunState | 'interrupted' {
  const active = run.status === 'starting' || run.status === 'running' || run.status === 'paused';
  return active && run.id !== activeRunId ? 'interrupted' : run.status;
}

/** Reads the stored runs into the list (at startup); runs recorded meanwhile stay. */
export async function loadRuns(): Promise<void> {
  let stored: StoredRun[] = [];
  try {
    stored = await (await database()).listRuns();
  } catch (error) {
    warn(`Could not read the stored runs: ${messageOf(error)}`);
  }
  useRunsStore.setState((state) => {
    const known = new Set(state.runs.map((run) => run.id));
    const runs = [...state.runs, ...stored.filter((run) => !known.has(run.id))].sort((a, b) => b.createdAt - a.createdAt);
    return { runs, loaded: true };
  });
}

/** Renames run `id` (surrounding blanks removed; an empty name is refused). */
export function renameRun(id: string, name: string): void {
  const trimmed = name.trim();
  if (!trimmed || runById(id)?.name === trimmed) return;
  if (id === useRunsStore.getState().activeRunId) startName = null;
  void updateRun(id, (run) => ({ ...run, name: trimmed }));
  if (useRunsStore.getState().overlaid.some((overlay) => overlay.id === id)) publishOverlays();
}

/** Removes run `id` and all stored with it; if it is being recorded, recording stops. */
export function deleteRun(id: string): Promise<void> {
  const state = useRunsStore.getState();
  if (id === state.activeRunId) {
    if (flushTimer !== null) clearTimeout(flushTimer);
    flushTimer = null;
    pending = [];
  }
  overlayCache.delete(id);
  useRunsStore.setState({
    runs: state.runs.filter((run) => run.id !== id),
    overlaid: state.overlaid.filter((overlay) => overlay.id !== id),
    activeRunId: id === state.activeRunId ? null : state.activeRunId,
  });
  publishOverlays();
  return persist('the deletion', (db) => db.deleteRun(id));
}

function publishOverlays(): void {
  const { overlaid } = useRunsStore.getState();
  const overlays: OverlayRun[] = [];
  for (const { id, color } of overlaid) {
    const run = runById(id);
    const points = overlayCache.get(id);
    if (run && points) overlays.push({ id, name: run.name, color, points });
  }
  setOverlays(overlays);
}

/** Overlays run `id` on the charts (its points read from storage) or takes it off again. */
export async function toggleOverlay(id: string): Promise<void> {
  const { overlaid, activeRunId } = useRunsStore.getState();
  if (overlaid.some((overlay) => overlay.id === id)) {
    useRunsStore.setState({ overlaid: overlaid.filter((overlay) => overlay.id !== id) });
    publishOverlays();
    return;
  }
  if (!runById(id)) return;
  const used = new Set(overlaid.map((overlay) => overlay.color));
  const color = OVERLAY_COLORS.find((c) => !used.has(c)) ?? OVERLAY_COLORS[overlaid.length % OVERLAY_COLORS.length] ?? '#6b7a8f';
  useRunsStore.setState({ overlaid: [...overlaid, { id, color }] });
  if (id === activeRunId) await flushPoints();
  await queue; // what was queued for this run is written before it is read
  try {
    overlayCache.set(id, overlayPoints(await (await database()).readPoints(id)));
  } catch (error) {
    warn(`Could not read the points of "${runById(id)?.name ?? id}": ${messageOf(error)}`);
    useRunsStore.setState((state) => ({ overlaid: state.overlaid.filter((overlay) => overlay.id !== id) }));
    return;
  }
  publishOverlays();
}

/** Downloads run `id` as `<name>.run.json` (see `RunArchive`): config, info, events, checkpoints list, all points. */
export async function downloadRun(id: string): Promise<void> {
  if (id === useRunsStore.getState().activeRunId) await flushPoints();
  await queue;
  const run = runById(id);
  if (!run) return;
  try {
    const db = await database();
    const [points, events, checkpoints] = await Promise.all([db.readPoints(id), db.readEvents(id), db.readCheckpoints(id)]);
    saveFile(JSON.stringify(runArchive(run, points, events, checkpoints)), `${safeFileName(run.name)}.run.json`, 'application/json');
  } catch (error) {
    warn(`Could not read run "${run.name}" for download: ${messageOf(error)}`);
  }
}

/** Downloads run `id`'s config as the studio's YAML (`<name>.yaml`), which the config editor imports. */
export function downloadRunConfig(id: string): void {
  const run = runById(id);
  if (!run) return;
  const yaml = configYamlOf(run.config);
  if (yaml === null) warn(`The config of "${run.name}" no longer passes this version's checks; download the run's JSON instead`);
  else saveFile(yaml, `${safeFileName(run.name)}.yaml`, 'application/yaml');
}

/** Downloads run `id`'s newest stored checkpoint (which "Resume from checkpoint" continues); false if it has none. */
export async function downloadRunCheckpoint(id: string): Promise<boolean> {
  await queue;
  try {
    const latest = (await (await database()).readCheckpoints(id)).at(-1);
    if (!latest) return false;
    saveFile(latest.bytes, latest.fileName, 'application/octet-stream');
    return true;
  } catch (error) {
    warn(`Could not read the checkpoint of "${runById(id)?.name ?? id}": ${messageOf(error)}`);
    return false;
  }
}

/** Where failed writes are reported (the run log); `null` restores `console.warn`. */
export function setRunsWarningSink(sink: ((message: string) => void) | null): void {
  warn = sink ?? ((message) => console.warn(message));
}

/** Tests hand in a storage and a file saver; `null` restores the real ones. Storage is reopened on next use. */
export function setRunsDependencies(deps: { openDb?: (() => Promise<RunsDb>) | null; saveFile?: FileSaver | null }): void {
  if (deps.openDb !== undefined) {
    openDb = deps.openDb ?? openDefault;
    dbPromise = null;
  }
  if (deps.saveFile !== undefined) saveFile = deps.saveFile ?? saveWithObjectUrl;
}

/** Forgets the list, the buffer and the overlays (tests); stored runs stay stored. */
export function resetRunsStore(): void {
  if (flushTimer !== null) clearTimeout(flushTimer);
  flushTimer = null;
  pending = [];
  overlayCache.clear();
  startName = null;
  useRunsStore.setState(initialState(), true);
  setOverlays([]);
}
