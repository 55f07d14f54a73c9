/**
 * The one test API the browser tests use, on `window.studioTest`: things no user control does, such as making a
 * trainer fail the way a crashed worker or a lost GPU device would. Declared once here.
 */
import type { InjectedFault } from '../protocol/trainer-messages';
import { injectTrainerFault } from '../state/run-store';

export interface StudioTestApi {
  /** Trainer `rank` fails when it starts optimizer step `atStep` ('kill' ends its worker at once). */
  injectTrainerFault(rank: number, fault: InjectedFault | 'kill', atStep?: number): void;
}

declare global {
  interface Window {
    studioTest?: StudioTestApi;
  }
}

export function installTestApi(): void {
  window.studioTest = { injectTrainerFault };
}
