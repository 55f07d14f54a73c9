/**
 * The coordinator worker's logic, free of the worker global: sets up N trainer replicas (one when the strategy is
 * `single`), runs the gradient exchange between them, drives optimizer steps in lockstep until paused, stopped
 * or finished, checks every `checksumEvery` steps that the replicas still hold the same weights, and streams one
 * merged metric point per step (throttled to at most one message per `flushMs`).
 *
 * The parts: `run-loop.ts` (lifecycle, steps, fault recovery), `run-setup.ts` (replicas and exchange),
 * `replica-steps.ts` (one step, checksums), `run-artifacts.ts` (checkpoints, weights), `token-relay.ts`, all
 * sharing one `Coordinator` (`coordinator-context.ts`) whose `phase` is the run's state.
 */
import type { CoordinatorCommand } from '../../protocol/coordinator-messages';
import { isLiveKey } from '../../config/live-changes';
import { ReplicaFailure, ReplicaGroup } from '../parallel/replica-group';
import { log, messageOf, type Coordinator, type CoordinatorPlatform } from './coordinator-context';
import { metricBatcher } from './metric-batcher';
import { exportWeights, saveCheckpoint } from './run-artifacts';
import { continueWithRemaining, end, enter, loop, pauseForFault, start, stepWhilePaused, stop } from './run-loop';
import { relayTokens } from './token-relay';

export type { CoordinatorPlatform } from './coordinator-context';

export function createCoordinatorService(platform: CoordinatorPlatform, flushMs = 250) {
  const c: Coordinator = {
    platform,
    metrics: metricBatcher(
      (points) => platform.post({ type: 'metrics', points }),
      () => platform.now(),
      flushMs,
    ),
    group: null,
    isolated: false,
    run: null,
    phase: { name: 'idle' },
  };

  async function handle(command: CoordinatorCommand): Promise<void> {
    switch (command.type) {
      case 'attach-trainers': {
        const group = new ReplicaGroup(command.control, command.exchange);
        c.group = group;
        c.isolated = command.isolated;
        group.onOther = (index, event) => {
          if (event.type === 'log')
            log(c, event.level, group.replicas.length > 1 ? `trainer ${index}: ${event.message}` : event.message);
        };
        return;
      }
      case 'trainer-failed':
        c.group?.fail(new ReplicaFailure(command.rank, 'terminated', command.reason));
        if (c.phase.name === 'paused' && c.group)
          pauseForFault(c, new ReplicaFailure(command.rank, 'terminated', command.reason));
        return;
      case 'start':
        return start(c, command);
      case 'pause':
        if (c.phase.name === 'running') enter(c, { name: 'paused', stepping: c.phase.stepping });
        return;
      case 'resume':
        if (c.phase.name !== 'paused') return;
        enter(c, { name: 'running', stepping: c.phase.stepping });
        return loop(c);
      case 'continue-with-remaining':
        return continueWithRemaining(c);
      case 'set-hyperparameters': {
        const refused = command.changes.filter((change) => !isLiveKey(change.path));
        if (refused.length > 0)
          return log(c, 'error', `${refused.map((change) => change.path).join(', ')} cannot change while a run trains`);
        c.run?.pendingChanges.push(...command.changes);
        return;
      }
      case 'stop':
        return stop(c);
      case 'save-checkpoint':
        return saveCheckpoint(c);
      case 'step-once':
        return stepWhilePaused(c);
      case 'download-weights':
        try {
          return await exportWeights(c, command.naming ?? 'studio', command.purpose);
        } catch (error) {
          // An export that cannot be made (a model FoldTree2 cannot build) is reported; the run goes on.
          if (error instanceof ReplicaFailure) throw error;
          return log(c, 'error', `No weights exported: ${messageOf(error)}`);
        }
      case 'encode-protein':
        return relayTokens(c, command.proteinId);
      case 'inject-fault': {
        const target = c.group?.replicas[command.rank];
        if (target?.alive)
          c.group?.send(target, { type: 'inject-fault', fault: command.fault, atStep: command.atStep });
        return;
      }
    }
  }

  return {
    async handle(command: CoordinatorCommand): Promise<void> {
      try {
        await handle(command);
      } catch (error) {
        if (error instanceof ReplicaFailure && c.run) return pauseForFault(c, error);
        // The metrics already streamed stay on the page; the message says what failed.
        end(c, 'failed', messageOf(error));
      }
    },
  };
}
