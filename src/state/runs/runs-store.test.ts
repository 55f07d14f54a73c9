import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importConfig } from '../../config/import-config';
import type { RunInfo } from '../../protocol/coordinator-messages';
import { browserRunConfig, withConfigValue } from '../config/config-edit';
import { fakePoint, fakePoints } from '../fake-metric-points.node';
import { RUN_ARCHIVE_FORMAT, type RunArchive } from './run-archive';
import { addRunEvent, resetRunEvents } from '../run/run-events';
import { useRunOverlays } from './run-overlays';
import type { RunsDb } from './runs-db';
import { memoryRunsDb } from './runs-db-memory';
import { deleteRun, displayStatus, loadRuns, renameRun, resetRunsStore } from './runs-store';
import { downloadRun, downloadRunCheckpoint, downloadRunConfig } from './run-downloads';
import {
  FLUSH_MS,
  FLUSH_POINTS,
  flushPoints,
  recordCheckpoint,
  recordEvent,
  recordMetrics,
  recordRunInfo,
  recordRunStart,
  recordRunState,
} from './run-recorder';
import { OVERLAY_COLORS, toggleOverlay } from './overlay-choice';
import { runsWritten, setRunsDependencies, setRunsWarningSink } from './runs-storage';
import { useRunsStore } from './runs-state';

const INFO = { runName: 'tiny-2026-01-01-12-00-00', totalSteps: 40 } as RunInfo;

function tinyConfig() {
  const edit = withConfigValue(browserRunConfig(), 'model.preset', 'tiny');
  if (!edit.ok) throw new Error(edit.message);
  return edit.config;
}

/** The in-memory storage, counting writes of each kind. */
function countingDb(base: RunsDb = memoryRunsDb()) {
  const calls = { putPoints: [] as Array<{ chunk: number; count: number }>, putRun: 0 };
  const db: RunsDb = {
    ...base,
    putPoints: (runId, chunk, points) => {
      calls.putPoints.push({ chunk, count: points.length });
      return base.putPoints(runId, chunk, points);
    },
    putRun: (run) => {
      calls.putRun++;
      return base.putRun(run);
    },
  };
  return { db, calls };
}

let storage: ReturnType<typeof countingDb>;
let saved: Array<{ data: ArrayBuffer | string; fileName: string; mimeType: string }>;
let warnings: string[];

/** A fresh page on the same storage: the list is read again from it. */
async function reload(): Promise<void> {
  await flushPoints();
  resetRunsStore();
  setRunsDependencies({ openDb: async () => storage.db });
  await loadRuns();
}

beforeEach(() => {
  resetRunsStore();
  resetRunEvents();
  storage = countingDb();
  saved = [];
  warnings = [];
  setRunsDependencies({
    openDb: async () => storage.db,
    saveFile: (data, fileName, mimeType) => void saved.push({ data, fileName, mimeType }),
  });
  setRunsWarningSink((message) => void warnings.push(message));
});

afterEach(() => {
  vi.useRealTimers();
  resetRunsStore();
  setRunsDependencies({ openDb: null, saveFile: null });
  setRunsWarningSink(null);
});

describe('recording a run', () => {
  it('writes points in chunks: at FLUSH_POINTS buffered, or after FLUSH_MS', async () => {
    vi.useFakeTimers();
    const id = recordRunStart(tinyConfig(), 'sample-structs.h5');
    recordMetrics(fakePoints(1, 150));
    expect(storage.calls.putPoints).toEqual([]);
    recordMetrics(fakePoints(151, 60)); // 210 buffered ≥ 200: one chunk of all of them
    await runsWritten();
    expect(storage.calls.putPoints).toEqual([{ chunk: 0, count: 210 }]);
    recordMetrics(fakePoints(211, 5));
    await vi.advanceTimersByTimeAsync(FLUSH_MS - 10);
    expect(storage.calls.putPoints).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(20);
    expect(storage.calls.putPoints).toEqual([
      { chunk: 0, count: 210 },
      { chunk: 1, count: 5 },
    ]);
    await flushPoints();
    const points = await storage.db.readPoints(id);
    expect(points.map((p) => p.step)).toEqual(Array.from({ length: 215 }, (_, k) => k + 1));
    expect(useRunsStore.getState().runs[0]?.lastStep).toBe(215);
    expect(FLUSH_POINTS).toBe(200);
  });

  it('an ending writes the buffer at once, and the run survives a reload with its state, info and name', async () => {
    const first = recordRunStart(tinyConfig(), 'a.h5');
    recordRunState('running');
    recordMetrics(fakePoints(1, 3));
    recordRunState('finished');
    await runsWritten();
    expect(storage.calls.putPoints).toEqual([{ chunk: 0, count: 3 }]);
    const second = recordRunStart(tinyConfig(), 'b.h5');
    recordRunInfo(INFO);
    recordRunState('running');
    recordMetrics(fakePoints(1, 2));
    await reload();
    const { runs } = useRunsStore.getState();
    expect(runs.map((run) => run.id)).toEqual([second, first]);
    expect(runs[1]).toMatchObject({ status: 'finished', lastStep: 3, datasetName: 'a.h5', info: null });
    expect(runs[1]?.name).toMatch(/^tiny-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d$/);
    // The second run took the trainer's name; its page went away while it ran.
    expect(runs[0]).toMatchObject({ name: INFO.runName, status: 'running', lastStep: 2, info: INFO });
    expect(runs[0] && displayStatus(runs[0], null)).toBe('interrupted');
    expect(runs[0] && displayStatus(runs[0], second)).toBe('running');
    expect(runs[1] && displayStatus(runs[1], null)).toBe('finished');
  });

  it('a failing storage is reported once per kind as a warning, never thrown, and later writes still happen', async () => {
    const { db } = countingDb();
    let fail = true;
    setRunsDependencies({
      openDb: async () => ({
        ...db,
        putPoints: async (...args) => (fail ? Promise.reject(new Error('QuotaExceededError')) : db.putPoints(...args)),
      }),
    });
    const id = recordRunStart(tinyConfig(), 'a.h5');
    recordMetrics(fakePoints(1, 200));
    recordMetrics(fakePoints(201, 200));
    await flushPoints();
    expect(warnings).toEqual(['Could not store metric points in the runs list: QuotaExceededError']);
    fail = false;
    recordMetrics(fakePoints(401, 200));
    await flushPoints();
    expect((await db.readPoints(id)).map((p) => p.step)[0]).toBe(401);
    expect((await db.listRuns())[0]?.lastStep).toBe(600);
  });

  it('stores events once (reported directly and as chart markers) and checkpoints by step', async () => {
    const id = recordRunStart(tinyConfig(), 'a.h5');
    addRunEvent({ step: 3, kind: 'change', label: 'optimizer.adamwLr 0.0003 → 0.001', time: 1 });
    recordEvent({ step: 5, kind: 'fault', label: 'trainer 1 lost its device', time: 2 });
    addRunEvent({ step: 5, kind: 'fault', label: 'trainer 1 lost its device', time: 3 });
    recordCheckpoint(5, 'run-step5.ftsckpt', new Uint8Array([1, 2, 3]).buffer);
    recordCheckpoint(5, 'run-step5.ftsckpt', new Uint8Array([1, 2, 3]).buffer);
    const bytes = new Uint8Array([9, 8, 7, 6]);
    recordCheckpoint(9, 'run-step9.ftsckpt', bytes.buffer, true);
    bytes[0] = 0; // the stored copy is the run's, not the caller's
    await flushPoints();
    expect((await storage.db.readEvents(id)).map((e) => `${e.step} ${e.kind}`)).toEqual(['3 change', '5 fault']);
    const checkpoints = await storage.db.readCheckpoints(id);
    expect(checkpoints.map((c) => [c.step, c.final, c.bytes.byteLength])).toEqual([
      [5, false, 3],
      [9, true, 4],
    ]);
    expect(useRunsStore.getState().runs[0]?.checkpoints).toBe(2);
    expect(await downloadRunCheckpoint(id)).toBe(true);
    expect(saved[0]?.fileName).toBe('run-step9.ftsckpt');
    expect([...new Uint8Array(saved[0]?.data as ArrayBuffer)]).toEqual([9, 8, 7, 6]);
  });
});

describe('the runs list', () => {
  it('overlays runs with their points and distinct colours, and takes them off again', async () => {
    const a = recordRunStart(tinyConfig(), 'a.h5');
    recordMetrics([fakePoint(1, { total: 4 }), fakePoint(2, { total: 3 })]);
    recordRunState('finished');
    const b = recordRunStart(tinyConfig(), 'b.h5');
    recordMetrics([fakePoint(1, { total: 5 })]);
    recordRunState('stopped');
    await reload();
    await toggleOverlay(a);
    await toggleOverlay(b);
    const overlays = useRunOverlays.getState().overlays;
    expect(overlays.map((o) => [o.id, o.color, o.points.map((p) => p.total)])).toEqual([
      [a, OVERLAY_COLORS[0], [4, 3]],
      [b, OVERLAY_COLORS[1], [5]],
    ]);
    await toggleOverlay(a);
    expect(useRunOverlays.getState().overlays.map((o) => o.id)).toEqual([b]);
    // The freed colour goes to the next run overlaid.
    await toggleOverlay(a);
    expect(useRunsStore.getState().overlaid).toEqual([
      { id: b, color: OVERLAY_COLORS[1] },
      { id: a, color: OVERLAY_COLORS[0] },
    ]);
  });

  it('renames (trimmed, never empty) and the new name is stored and shown on the overlay', async () => {
    const id = recordRunStart(tinyConfig(), 'a.h5');
    recordRunInfo(INFO);
    recordRunState('finished');
    await toggleOverlay(id);
    renameRun(id, '  lr sweep 1  ');
    renameRun(id, '   ');
    recordRunInfo({ ...INFO, runName: 'other' }); // a renamed run keeps the user's name
    await reload();
    expect(useRunsStore.getState().runs[0]?.name).toBe('lr sweep 1');
    await toggleOverlay(id);
    renameRun(id, 'lr sweep 2');
    expect(useRunOverlays.getState().overlays[0]?.name).toBe('lr sweep 2');
  });

  it('deletes a run with everything stored under it; deleting the run being recorded stops recording it', async () => {
    const keep = recordRunStart(tinyConfig(), 'a.h5');
    recordMetrics(fakePoints(1, 3));
    recordRunState('finished');
    const gone = recordRunStart(tinyConfig(), 'b.h5');
    recordMetrics(fakePoints(1, 3));
    recordCheckpoint(3, 'b-step3.ftsckpt', new ArrayBuffer(8));
    await toggleOverlay(gone);
    await deleteRun(gone);
    recordMetrics(fakePoints(4, 300));
    await flushPoints();
    expect(useRunsStore.getState()).toMatchObject({ activeRunId: null, overlaid: [] });
    expect(useRunOverlays.getState().overlays).toEqual([]);
    expect((await storage.db.listRuns()).map((run) => run.id)).toEqual([keep]);
    expect(await storage.db.readPoints(gone)).toEqual([]);
    expect(await storage.db.readCheckpoints(gone)).toEqual([]);
    expect((await storage.db.readPoints(keep)).length).toBe(3);
  });

  it('downloads a run as one JSON with config, info, events and every point, and its config as YAML that imports back', async () => {
    const config = tinyConfig();
    const id = recordRunStart(config, 'sample-structs.h5');
    recordRunInfo(INFO);
    recordRunState('running');
    addRunEvent({ step: 2, kind: 'change', label: 'training.batchSize 2 → 4', time: 5 });
    recordMetrics(fakePoints(1, 250));
    recordMetrics(fakePoints(251, 7)); // still buffered: the download writes it first
    recordCheckpoint(257, 'x.ftsckpt', new ArrayBuffer(16), true);
    await downloadRun(id);
    expect(saved[0]?.fileName).toBe(`${INFO.runName}.run.json`);
    expect(saved[0]?.mimeType).toBe('application/json');
    const archive = JSON.parse(saved[0]?.data as string) as RunArchive;
    expect(archive).toMatchObject({
      format: RUN_ARCHIVE_FORMAT,
      id,
      name: INFO.runName,
      datasetName: 'sample-structs.h5',
      status: 'running',
      lastStep: 257,
      info: INFO,
    });
    expect(archive.config).toEqual(config);
    expect(archive.points.map((p) => p.step)).toEqual(Array.from({ length: 257 }, (_, k) => k + 1));
    expect(archive.points[9]).toEqual(fakePoint(10));
    expect(archive.events).toEqual([{ step: 2, kind: 'change', label: 'training.batchSize 2 → 4', time: 5 }]);
    expect(archive.checkpoints).toEqual([{ step: 257, fileName: 'x.ftsckpt', bytes: 16, final: true }]);
    expect(importConfig(archive.configYaml ?? '', 'run.yaml').config).toEqual(config);

    downloadRunConfig(id);
    expect(saved[1]?.fileName).toBe(`${INFO.runName}.yaml`);
    expect(importConfig(saved[1]?.data as string, 'run.yaml').config).toEqual(config);
    expect(warnings).toEqual([]);
  });

  it('falls back to page memory when storage cannot be opened, and says so', async () => {
    setRunsDependencies({ openDb: null });
    const hadIndexedDb = 'indexedDB' in globalThis;
    expect(hadIndexedDb).toBe(false); // Node: the fallback path
    recordRunStart(tinyConfig(), 'a.h5');
    await loadRuns();
    expect(useRunsStore.getState()).toMatchObject({ loaded: true, persistent: false });
    expect(useRunsStore.getState().runs).toHaveLength(1);
  });
});
