/**
 * How the charts draw, kept across visits (localStorage, versioned key): smoothing weight, x axis, outlier-robust
 * y ranges, and per chart a log y axis. Display settings only: nothing here changes a run or its exports.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { MAX_SMOOTHING } from './smoothing';

/** localStorage key; bump the version when the stored shape changes incompatibly. */
export const CHART_OPTIONS_KEY = 'foldtree-studio/chart-options/v1';

/** `step`: optimizer step. `time`: time since the run started (ms, pauses excluded), so runs align by duration. */
export const X_AXIS_MODES = ['step', 'time'] as const;
export type XAxisMode = (typeof X_AXIS_MODES)[number];

export interface ChartOptionsState {
  /** Debiased EMA weight in [0, MAX_SMOOTHING]; 0 draws the raw series only. */
  readonly smoothing: number;
  readonly xAxis: XAxisMode;
  /** Clip each y range to the 1st–99th percentile of what is drawn (with padding). */
  readonly ignoreOutliers: boolean;
  /** Log y axis per chart kind, where the user set one; other charts use their own default. */
  readonly logY: Readonly<Record<string, boolean>>;
}

export const DEFAULT_CHART_OPTIONS: ChartOptionsState = {
  smoothing: 0.6,
  xAxis: 'step',
  ignoreOutliers: false,
  logY: {},
};

/** `raw` (e.g. the parsed stored value) as options: each valid field kept, anything else from the defaults. */
export function sanitizeChartOptions(raw: unknown): ChartOptionsState {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_CHART_OPTIONS;
  const value = raw as Record<string, unknown>;
  const logY: Record<string, boolean> = {};
  if (typeof value['logY'] === 'object' && value['logY'] !== null) {
    for (const [kind, on] of Object.entries(value['logY'])) if (typeof on === 'boolean') logY[kind] = on;
  }
  const smoothing = value['smoothing'];
  const xAxis = value['xAxis'];
  return {
    smoothing:
      typeof smoothing === 'number' && smoothing >= 0 && smoothing <= MAX_SMOOTHING
        ? smoothing
        : DEFAULT_CHART_OPTIONS.smoothing,
    xAxis: X_AXIS_MODES.find((mode) => mode === xAxis) ?? DEFAULT_CHART_OPTIONS.xAxis,
    ignoreOutliers:
      typeof value['ignoreOutliers'] === 'boolean' ? value['ignoreOutliers'] : DEFAULT_CHART_OPTIONS.ignoreOutliers,
    logY,
  };
}

export const useChartOptions = create<ChartOptionsState>()(
  persist(() => DEFAULT_CHART_OPTIONS, {
    name: CHART_OPTIONS_KEY,
    version: 1,
    storage: createJSONStorage(() => localStorage),
    // A stored value from an older build or edited by hand must not put the charts in a state they cannot draw.
    merge: (persisted) => sanitizeChartOptions(persisted),
  }),
);

/** Sets the smoothing weight, clamped to [0, MAX_SMOOTHING] (NaN counts as 0). */
export function setSmoothing(weight: number): void {
  useChartOptions.setState({ smoothing: Number.isNaN(weight) ? 0 : Math.min(MAX_SMOOTHING, Math.max(0, weight)) });
}

export function setXAxis(xAxis: XAxisMode): void {
  useChartOptions.setState({ xAxis });
}

export function setIgnoreOutliers(ignoreOutliers: boolean): void {
  useChartOptions.setState({ ignoreOutliers });
}

export function setLogY(kind: string, on: boolean): void {
  useChartOptions.setState((state) => ({ logY: { ...state.logY, [kind]: on } }));
}

/** Whether chart `kind` draws a log y axis: the user's choice, else `fallback` (the chart's default). */
export function selectLogY(state: ChartOptionsState, kind: string, fallback: boolean): boolean {
  return state.logY[kind] ?? fallback;
}

export function resetChartOptions(): void {
  useChartOptions.setState(DEFAULT_CHART_OPTIONS);
}
