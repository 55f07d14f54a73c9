/**
 * The one test API the browser tests use, on `window.studioTest`: things no user control does, such as making a
 * trainer fail the way a crashed worker or a lost GPU device would, and driving a whole run headless
 * (`automation`, used by `npm run train`). Declared once here.
 */
import type { InjectedFault } from '../protocol/trainer-messages';
import { injectTrainerFault } from '../state/run-store';
import { automationApi, type AutomationApi } from './automation-api';

export interface StudioTestApi {
  /** Trainer `rank` fails when it starts optimizer step `atStep` ('kill' ends its worker at once). */
  injectTrainerFault(rank: number, fault: InjectedFault | 'kill', atStep?: number): void;
  /** Start, watch, checkpoint and stop a run without the controls (`src/ui/automation-api.ts`). */
  readonly automation: AutomationApi;
}

declare global {
  interface Window {
    studioTest?: StudioTestApi;
  }
}

export function installTestApi(): void {
  window.studioTest = { injectTrainerFault, automation: automationApi() };
}
