/**
 * The runs list's storage: `RunsDb` (IndexedDB, or memory where the browser refuses storage), opened on first use.
 * Every write goes through one queue so writes land in order; a failed write becomes a warning (once per kind per
 * run, through the warning sink), never an exception.
 */
import { saveWithObjectUrl, type FileSaver } from '../download-file';
import { openIndexedRunsDb, type RunsDb } from './runs-db';
import { memoryRunsDb } from './runs-db-memory';
import type { StoredRun } from './runs-db';
import { runById, useRunsStore } from './runs-state';

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const consoleWarning = (message: string) => console.warn(message);

const openDefault = (): Promise<RunsDb> =>
  openIndexedRunsDb().catch((error: unknown) => {
    if (globalThis.indexedDB)
      storage.warn(`Runs are kept only while this page is open: the browser refused storage (${messageOf(error)})`);
    return memoryRunsDb();
  });

export const storage: {
  open: () => Promise<RunsDb>;
  db: Promise<RunsDb> | null;
  saveFile: FileSaver;
  warn: (message: string) => void;
  /** Writes in order; always resolves. */
  queue: Promise<void>;
  /** Kinds of failed writes already reported for the current run. */
  warned: Set<string>;
} = {
  open: openDefault,
  db: null,
  saveFile: saveWithObjectUrl,
  warn: consoleWarning,
  queue: Promise.resolve(),
  warned: new Set(),
};

export function database(): Promise<RunsDb> {
  storage.db ??= storage.open().then((db) => {
    useRunsStore.setState({ persistent: db.persistent });
    return db;
  });
  return storage.db;
}

/** Queues `write`; a failure is reported once per `what` per run. Resolves when it (and all before it) ran. */
export function persist(what: string, write: (db: RunsDb) => Promise<void>): Promise<void> {
  storage.queue = storage.queue
    .then(async () => write(await database()))
    .catch((error: unknown) => {
      if (storage.warned.has(what)) return;
      storage.warned.add(what);
      storage.warn(`Could not store ${what} in the runs list: ${messageOf(error)}`);
    });
  return storage.queue;
}

/** Replaces run `id` in the list and stores it. */
export function updateRun(id: string, change: (run: StoredRun) => StoredRun, what = 'the run'): Promise<void> {
  const before = runById(id);
  if (!before) return storage.queue;
  const after = change(before);
  useRunsStore.setState((state) => ({ runs: state.runs.map((run) => (run.id === id ? after : run)) }));
  return persist(what, (db) => db.putRun(after));
}

/** Resolves once every write queued so far has been made (or reported as failed). */
export function runsWritten(): Promise<void> {
  return storage.queue;
}

/** Where failed writes are reported (the run log); `null` restores `console.warn`. */
export function setRunsWarningSink(sink: ((message: string) => void) | null): void {
  storage.warn = sink ?? consoleWarning;
}

/** Tests hand in a storage and a file saver; `null` restores the real ones. Storage is reopened on next use. */
export function setRunsDependencies(deps: {
  openDb?: (() => Promise<RunsDb>) | null;
  saveFile?: FileSaver | null;
}): void {
  if (deps.openDb !== undefined) {
    storage.open = deps.openDb ?? openDefault;
    storage.db = null;
  }
  if (deps.saveFile !== undefined) storage.saveFile = deps.saveFile ?? saveWithObjectUrl;
}
