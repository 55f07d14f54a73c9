/**
 * Earlier runs drawn on the same charts as the current one. The runs list (persisted runs) decides which are
 * shown; the charts read them from here. Each overlay carries its own metric points (already bounded by the
 * runs list) and a colour.
 */
import { create } from 'zustand';
import type { MetricPoint } from '../../protocol/metric-point';

export interface OverlayRun {
  /** Stable id of the stored run. */
  readonly id: string;
  readonly name: string;
  readonly color: string;
  readonly points: readonly MetricPoint[];
}

export interface RunOverlaysState {
  readonly overlays: readonly OverlayRun[];
}

export const useRunOverlays = create<RunOverlaysState>()(() => ({ overlays: [] }));

export function setOverlays(overlays: readonly OverlayRun[]): void {
  useRunOverlays.setState({ overlays });
}
