/** The runs list's data: the stored runs, which are overlaid, which is being recorded. Actions are in `runs-store.ts`. */
import { create } from 'zustand';
import type { StoredRun } from './runs-db';

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

export const initialRunsState = (): RunsState => ({
  runs: [],
  overlaid: [],
  activeRunId: null,
  loaded: false,
  persistent: true,
});

export const useRunsStore = create<RunsState>()(initialRunsState);

export function runById(id: string): StoredRun | undefined {
  return useRunsStore.getState().runs.find((run) => run.id === id);
}
