/**
 * Where runs are kept between visits: the `RunsDb` contract the runs list uses, and its IndexedDB implementation
 * (database `foldtree-studio`). Metric points are written in chunks keyed by (run id, chunk index), so a long run
 * appends small records instead of rewriting one that grows; events and checkpoints are keyed the same way.
 */
import type { MetricPoint } from '../../protocol/metric-point';
import type { RunConfig } from '../../protocol/run-config';
import type { RunInfo, RunState } from '../../protocol/coordinator-messages';
import type { RunEvent } from '../run/run-events';

/** One run as the runs list shows it. */
export interface StoredRun {
  /** Stable id, also the key of its points, events and checkpoints. */
  readonly id: string;
  /** Editable by the user. */
  readonly name: string;
  /** `Date.now()` when the run started. */
  readonly createdAt: number;
  readonly config: RunConfig;
  readonly datasetName: string;
  /** What the trainer set up, once it said (null for a run that failed before). */
  readonly info: RunInfo | null;
  /** The last state the page saw; an active state on a run no page drives any more means it was interrupted. */
  readonly status: RunState;
  /** Optimizer step of the newest stored point (0 before the first). */
  readonly lastStep: number;
  /** Checkpoints stored with the run. */
  readonly checkpoints: number;
}

/** A checkpoint's bytes as the trainer produced them (a `.ftsckpt` file). */
export interface StoredCheckpoint {
  readonly runId: string;
  readonly step: number;
  readonly fileName: string;
  readonly bytes: ArrayBuffer;
  /** Saved by the coordinator when the run finished (rather than on request). */
  readonly final: boolean;
}

/** Storage of runs. Every method rejects on a storage failure; callers decide what a failure means. */
export interface RunsDb {
  /** Whether what is written outlives the page. */
  readonly persistent: boolean;
  listRuns(): Promise<StoredRun[]>;
  putRun(run: StoredRun): Promise<void>;
  /** Writes chunk `chunk` of `runId`'s points (replacing a chunk of that index). */
  putPoints(runId: string, chunk: number, points: readonly MetricPoint[]): Promise<void>;
  /** Every chunk of `runId`, in chunk order, concatenated. */
  readPoints(runId: string): Promise<MetricPoint[]>;
  putEvent(runId: string, seq: number, event: RunEvent): Promise<void>;
  /** `runId`'s events in `seq` order. */
  readEvents(runId: string): Promise<RunEvent[]>;
  putCheckpoint(checkpoint: StoredCheckpoint): Promise<void>;
  /** `runId`'s checkpoints in step order. */
  readCheckpoints(runId: string): Promise<StoredCheckpoint[]>;
  /** The run and everything stored under its id. */
  deleteRun(runId: string): Promise<void>;
}

export const RUNS_DB_NAME = 'foldtree-studio';
/** Bump with a new step in `upgrade` whenever a store or key changes. */
export const RUNS_DB_VERSION = 1;

const RUNS = 'runs';
const POINTS = 'points';
const EVENTS = 'events';
const CHECKPOINTS = 'checkpoints';
const ALL_STORES = [RUNS, POINTS, EVENTS, CHECKPOINTS];

interface PointChunk {
  readonly runId: string;
  readonly chunk: number;
  readonly points: readonly MetricPoint[];
}

interface EventRecord {
  readonly runId: string;
  readonly seq: number;
  readonly event: RunEvent;
}

function upgrade(db: IDBDatabase, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore(RUNS, { keyPath: 'id' });
    db.createObjectStore(POINTS, { keyPath: ['runId', 'chunk'] });
    db.createObjectStore(EVENTS, { keyPath: ['runId', 'seq'] });
    db.createObjectStore(CHECKPOINTS, { keyPath: ['runId', 'step'] });
  }
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** Every key [runId, n] of a store keyed by (run id, number). */
const ofRun = (runId: string): IDBKeyRange => IDBKeyRange.bound([runId, -Infinity], [runId, Infinity]);

/** Opens (creating or upgrading) the studio's database; rejects where IndexedDB is missing or refused. */
export function openIndexedRunsDb(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<RunsDb> {
  if (!factory) return Promise.reject(new Error('IndexedDB is not available in this browser'));
  const open = factory.open(RUNS_DB_NAME, RUNS_DB_VERSION);
  open.onupgradeneeded = (event) => upgrade(open.result, event.oldVersion);
  return request(open).then((db) => {
    // Another tab opening a newer version asks us to let go; closing keeps it from blocking.
    db.onversionchange = () => db.close();
    return indexedRunsDb(db);
  });
}

function indexedRunsDb(db: IDBDatabase): RunsDb {
  const write = async (storeName: string, value: unknown): Promise<void> => {
    const tx = db.transaction(storeName, 'readwrite');
    tx.objectStore(storeName).put(value);
    await done(tx);
  };
  const readRange = <T>(storeName: string, runId: string): Promise<T[]> =>
    request(db.transaction(storeName, 'readonly').objectStore(storeName).getAll(ofRun(runId)) as IDBRequest<T[]>);
  return {
    persistent: true,
    listRuns: () => request(db.transaction(RUNS, 'readonly').objectStore(RUNS).getAll() as IDBRequest<StoredRun[]>),
    putRun: (run) => write(RUNS, run),
    putPoints: (runId, chunk, points) => write(POINTS, { runId, chunk, points } satisfies PointChunk),
    // Keys sort by chunk index, so getAll returns the chunks in order.
    readPoints: async (runId) => (await readRange<PointChunk>(POINTS, runId)).flatMap((chunk) => chunk.points),
    putEvent: (runId, seq, event) => write(EVENTS, { runId, seq, event } satisfies EventRecord),
    readEvents: async (runId) => (await readRange<EventRecord>(EVENTS, runId)).map((record) => record.event),
    putCheckpoint: (checkpoint) => write(CHECKPOINTS, checkpoint),
    readCheckpoints: (runId) => readRange<StoredCheckpoint>(CHECKPOINTS, runId),
    deleteRun: async (runId) => {
      const tx = db.transaction(ALL_STORES, 'readwrite');
      tx.objectStore(RUNS).delete(runId);
      for (const name of [POINTS, EVENTS, CHECKPOINTS]) tx.objectStore(name).delete(ofRun(runId));
      await done(tx);
    },
  };
}
