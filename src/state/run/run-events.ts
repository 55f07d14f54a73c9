/**
 * Events of a run at their optimizer step: hyper-parameter changes made while it trains (appended by the run store
 * when every trainer took them, and marked on every chart) and faults (stored with the run in the runs list).
 */
import { create } from 'zustand';

export const RUN_EVENT_KINDS = ['change', 'fault'] as const;
export type RunEventKind = (typeof RUN_EVENT_KINDS)[number];

export interface RunEvent {
  /** Optimizer step the event takes effect at (a change applies from this step on). */
  readonly step: number;
  readonly kind: RunEventKind;
  /** Short text for the marker and the log, e.g. "optimizer.adamwLr 0.0003 → 0.001". */
  readonly label: string;
  /** Wall time, ms since the epoch. */
  readonly time: number;
}

export interface RunEventsState {
  readonly events: readonly RunEvent[];
}

export const useRunEvents = create<RunEventsState>()(() => ({ events: [] }));

export function addRunEvent(event: RunEvent): void {
  useRunEvents.setState((state) => ({ events: [...state.events, event] }));
}

export function resetRunEvents(): void {
  useRunEvents.setState({ events: [] });
}
