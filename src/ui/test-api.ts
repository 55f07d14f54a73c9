/**
 * The one test API the browser tests use, on `window.studioTest`: things no user control does, such as making a
 * trainer fail the way a crashed worker or a lost GPU device would, and driving a whole run headless
 * (`automation`, used by `npm run train`). Declared once here.
 */
import type { InjectedFault } from '../protocol/coordinator-messages';
import { injectTrainerFault } from '../state/run/run-commands';
import { useMetricsStore } from '../state/charts/metrics-store';
import { runsWritten } from '../state/runs/runs-storage';
import { appendSyntheticPoints } from '../state/charts/synthetic-metrics';
import { automationApi, type AutomationApi } from './automation-api';

export interface StudioTestApi {
  /** Trainer `rank` fails when it starts optimizer step `atStep` ('kill' ends its worker at once). */
  injectTrainerFault(rank: number, fault: InjectedFault | 'kill', atStep?: number): void;
  /** Start, watch, checkpoint and stop a run without the controls (`src/ui/automation-api.ts`). */
  readonly automation: AutomationApi;
  /**
   * Continues the run's metrics with synthetic points (`src/state/charts/synthetic-metrics.ts`), `pointsPerFlush` every
   * `flushMs` as a trainer's metrics events arrive, until step `untilStep`; resolves with the last step. Lets a
   * benchmark give the charts a 5,000-step run in minutes. Needs at least one real point to continue from.
   */
  feedSyntheticMetrics(untilStep: number, pointsPerFlush: number, flushMs: number): Promise<number>;
  /** Resolves once every write to the runs database queued so far is made (a reload right after may lose later ones). */
  runsWritten(): Promise<void>;
}

declare global {
  interface Window {
    studioTest?: StudioTestApi;
  }
}

function feedSyntheticMetrics(untilStep: number, pointsPerFlush: number, flushMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const last = useMetricsStore.getState().latest;
      if (!last) {
        clearInterval(timer);
        reject(new Error('no metric point to continue from'));
        return;
      }
      const next = appendSyntheticPoints(last, Math.max(0, Math.min(pointsPerFlush, untilStep - last.step)));
      const step = next?.step ?? last.step;
      if (step >= untilStep) {
        clearInterval(timer);
        resolve(step);
      }
    }, flushMs);
  });
}

export function installTestApi(): void {
  window.studioTest = { injectTrainerFault, automation: automationApi(), feedSyntheticMetrics, runsWritten };
}
