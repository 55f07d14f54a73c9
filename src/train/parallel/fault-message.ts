/**
 * The sentence the page shows when a trainer fails: which rank, what happened, that nothing trained is lost, and
 * what to do — for an out-of-memory failure, the settings that decide memory, with their current values.
 */
import type { RunConfig } from '../../protocol/run-config';
import type { ReplicaFailure } from './replica-group';

/**
 * `hasCheckpoint`: the run has a checkpoint to restart from (one was saved, or the run resumed from one); without
 * one the message does not send the user looking for it.
 */
export function faultMessage(
  failure: ReplicaFailure,
  config: RunConfig,
  step: number,
  remaining: number,
  hasCheckpoint: boolean,
): string {
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
  const restart = hasCheckpoint ? 'restart from the last checkpoint' : 'start the run again (no checkpoint was saved)';
  const next =
    remaining > 0
      ? `The run is paused after step ${step}; the other trainers kept its weights and optimizer state. Continue with the ${remaining} remaining trainer${remaining === 1 ? '' : 's'}, or ${restart}.`
      : `The run stopped after step ${step}: no trainer is left, so ${restart}.`;
  return `${what[failure.kind]} ${failure.kind === 'drift' ? '' : next}`.trim();
}
