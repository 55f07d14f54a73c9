/**
 * The sentence the page shows when a trainer fails: which rank, what happened, that nothing trained is lost, and
 * what to do — for an out-of-memory failure, the settings that decide memory, with their current values.
 */
import type { RunConfig } from '../../protocol/run-config';
import type { ReplicaFailure } from './replica-group';

export function faultMessage(failure: ReplicaFailure, config: RunConfig, step: number, remaining: number): string {
  const who = `Trainer rank ${failure.index}`;
  const what: Record<ReplicaFailure['kind'], string> = {
    error: `${who} failed: ${failure.message}.`,
    'device-lost': `${who} lost its GPU device (${failure.message}).`,
    'out-of-memory':
      `${who} ran out of GPU memory (${failure.message}). Lower training.batchSize (now ${config.training.batchSize}) or ` +
      `data.maxResidues (now ${config.data.maxResidues ?? 'no limit'}), and raise training.gradientAccumulationSteps ` +
      `(now ${config.training.gradientAccumulationSteps}) to keep the effective batch.`,
    timeout: `${who} did not answer: ${failure.message} (training.trainerTimeoutS is ${config.training.trainerTimeoutS} s).`,
    terminated: `${who} stopped: ${failure.message}.`,
    drift: `${failure.message}.`,
  };
  const kept = `The run is paused after step ${step}; the other trainers kept its weights and optimizer state.`;
  const next = remaining > 0 ? ` Continue with the ${remaining} remaining trainer${remaining === 1 ? '' : 's'}, or restart from the last checkpoint.` : ' No trainer is left: restart from the last checkpoint.';
  return `${what[failure.kind]} ${failure.kind === 'drift' ? '' : kept + next}`.trim();
}
