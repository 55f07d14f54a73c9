/**
 * Where the coordinator's run stands, as one value. `stepping` marks an optimizer step in flight (the loop's, or a
 * single step taken while paused), so a second loop never starts beside it and a stop waits for the step's update.
 */
import type { RunState } from '../../protocol/coordinator-messages';

export type CoordinatorPhase =
  /** No run has started since the trainers were attached. */
  | { readonly name: 'idle' }
  /** The replicas are being set up (a fresh start, or continuing after a fault). */
  | { readonly name: 'starting' }
  | { readonly name: 'running'; readonly stepping: boolean }
  | { readonly name: 'paused'; readonly stepping: boolean }
  /** A replica failed: paused, and the page may continue with the replicas left. */
  | { readonly name: 'faulted' }
  /** Stop was asked during a step: the run ends once that step's update is in. */
  | { readonly name: 'stopping' }
  /** The run ended (stopped, finished or failed); its replicas are let go. */
  | { readonly name: 'ended' };

/** What the page is told a phase is (a fault shows as paused). */
export function shownState(phase: CoordinatorPhase): RunState {
  switch (phase.name) {
    case 'faulted':
      return 'paused';
    case 'idle':
    case 'ended':
    case 'stopping':
      return 'stopped';
    default:
      return phase.name;
  }
}

/** A run is set up or being set up: another start is refused. */
export function isGoing(phase: CoordinatorPhase): boolean {
  return (
    phase.name === 'starting' ||
    phase.name === 'running' ||
    phase.name === 'paused' ||
    phase.name === 'faulted' ||
    phase.name === 'stopping'
  );
}

export function isStepping(phase: CoordinatorPhase): boolean {
  return (phase.name === 'running' || phase.name === 'paused') && phase.stepping;
}
