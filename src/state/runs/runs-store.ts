/**
 * The runs list: every run this browser trained, kept in `RunsDb` (IndexedDB) with its config, info, state,
 * metric points, events and checkpoints, so runs outlive the page. The run store reports the current run through
 * the `record*` actions (`run-recorder.ts`); the list overlays chosen runs on the charts (`overlay-choice.ts`),
 * renames, deletes and downloads them (`run-downloads.ts`).
 */
import type { RunState } from '../../protocol/coordinator-messages';
import type { StoredRun } from './runs-db';
import { initialRunsState, runById, useRunsStore } from './runs-state';
import { clearOverlays, dropOverlay } from './overlay-choice';
import { stopRecording, renameRecording } from './run-recorder';
import { database, messageOf, persist, storage, updateRun } from './runs-storage';

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
    storage.warn(`Could not read the stored runs: ${messageOf(error)}`);
  }
  useRunsStore.setState((state) => {
    const known = new Set(state.runs.map((run) => run.id));
    const runs = [...state.runs, ...stored.filter((run) => !known.has(run.id))].sort(
      (a, b) => b.createdAt - a.createdAt,
    );
    return { runs, loaded: true };
  });
}

/** Renames run `id` (surrounding blanks removed; an empty name is refused). */
export function renameRun(id: string, name: string): void {
  const trimmed = name.trim();
  if (!trimmed || runById(id)?.name === trimmed) return;
  renameRecording(id);
  void updateRun(id, (run) => ({ ...run, name: trimmed }));
  if (useRunsStore.getState().overlaid.some((overlay) => overlay.id === id)) dropOverlay(null);
}

/** Removes run `id` and all stored with it; if it is being recorded, recording stops. */
export function deleteRun(id: string): Promise<void> {
  const state = useRunsStore.getState();
  if (id === state.activeRunId) stopRecording();
  useRunsStore.setState({
    runs: state.runs.filter((run) => run.id !== id),
    overlaid: state.overlaid.filter((overlay) => overlay.id !== id),
    activeRunId: id === state.activeRunId ? null : state.activeRunId,
  });
  dropOverlay(id);
  return persist('the deletion', (db) => db.deleteRun(id));
}

/** Forgets the list, the buffer and the overlays (tests); stored runs stay stored. */
export function resetRunsStore(): void {
  stopRecording();
  clearOverlays();
  useRunsStore.setState(initialRunsState(), true);
}
