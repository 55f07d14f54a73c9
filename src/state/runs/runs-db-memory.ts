/**
 * `RunsDb` held in page memory: what the runs list falls back to where IndexedDB is missing or refused (runs then
 * last as long as the page), and what the store's tests run against. Values are copied in and out with
 * `structuredClone`, as IndexedDB does, so no caller can change what was stored by mutating what it passed.
 */
import type { MetricPoint } from '../../protocol/metric-point';
import type { RunEvent } from '../run/run-events';
import type { RunsDb, StoredCheckpoint, StoredRun } from './runs-db';

/** Entries of `map` whose key starts with `runId`, by their numeric second key, ascending. */
function ofRun<T>(
  map: ReadonlyMap<string, { readonly runId: string; readonly n: number; readonly value: T }>,
  runId: string,
): T[] {
  return [...map.values()]
    .filter((entry) => entry.runId === runId)
    .sort((a, b) => a.n - b.n)
    .map((entry) => structuredClone(entry.value));
}

export function memoryRunsDb(): RunsDb {
  const runs = new Map<string, StoredRun>();
  const points = new Map<string, { runId: string; n: number; value: readonly MetricPoint[] }>();
  const events = new Map<string, { runId: string; n: number; value: RunEvent }>();
  const checkpoints = new Map<string, { runId: string; n: number; value: StoredCheckpoint }>();
  const key = (runId: string, n: number): string => JSON.stringify([runId, n]);
  return {
    persistent: false,
    listRuns: async () => [...runs.values()].map((run) => structuredClone(run)),
    putRun: async (run) => void runs.set(run.id, structuredClone(run)),
    putPoints: async (runId, chunk, batch) =>
      void points.set(key(runId, chunk), { runId, n: chunk, value: structuredClone(batch) }),
    readPoints: async (runId) => ofRun(points, runId).flat(),
    putEvent: async (runId, seq, event) =>
      void events.set(key(runId, seq), { runId, n: seq, value: structuredClone(event) }),
    readEvents: async (runId) => ofRun(events, runId),
    putCheckpoint: async (checkpoint) =>
      void checkpoints.set(key(checkpoint.runId, checkpoint.step), {
        runId: checkpoint.runId,
        n: checkpoint.step,
        value: structuredClone(checkpoint),
      }),
    readCheckpoints: async (runId) => ofRun(checkpoints, runId),
    deleteRun: async (runId) => {
      runs.delete(runId);
      for (const map of [points, events, checkpoints])
        for (const [k, entry] of map) if (entry.runId === runId) map.delete(k);
    },
  };
}
