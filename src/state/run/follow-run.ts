/**
 * A run of its own (its own coordinator and trainer workers) followed to its end. The benchmark page and the
 * teaching comparison start such runs beside the studio's main one and need only their set-up, their points and
 * how they ended; everything else a run reports is left to the main run's store.
 */
import type { CoordinatorConnection, CoordinatorConnector } from '../../client/coordinator-client';
import type { MetricPoint } from '../../protocol/metric-point';
import type { ProteinTokens, RunInfo, RunCommand, CoordinatorEvent } from '../../protocol/coordinator-messages';
import { assertNever } from '../../shared/assert-never';

export type RunEnding =
  { readonly status: 'finished' | 'stopped' } | { readonly status: 'failed'; readonly message: string };

/** What the follower hears while the run goes on. */
export interface RunFollower {
  readonly info?: (info: RunInfo) => void;
  readonly running?: () => void;
  readonly metrics?: (points: readonly MetricPoint[]) => void;
  /** The answer to an `encode-protein` command sent to the run. */
  readonly tokens?: (step: number, tokens: ProteinTokens) => void;
}

export interface FollowedRun {
  /** A command to the run (e.g. stop); ignored once it has ended. */
  readonly send: (command: RunCommand) => void;
  /** Ends it now as `ending` (its workers close); later events are ignored. */
  readonly end: (ending: RunEnding) => void;
  /** How it ended: finished, stopped, or failed (a failed trainer counts as failed). Never rejects. */
  readonly ended: Promise<RunEnding>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Starts `start` on a connection of its own and follows it; the connection closes when the run ends. */
export function followRun(
  start: Extract<RunCommand, { type: 'start' }>,
  follower: RunFollower,
  connector: CoordinatorConnector,
): FollowedRun {
  let settle: (ending: RunEnding) => void = () => undefined;
  const ended = new Promise<RunEnding>((resolve) => (settle = resolve));
  let connection: CoordinatorConnection | null = null;
  let done = false;
  const end = (ending: RunEnding) => {
    if (done) return;
    done = true;
    connection?.dispose();
    settle(ending);
  };
  const receive = (event: CoordinatorEvent) => {
    if (done) return;
    switch (event.type) {
      case 'info':
        return follower.info?.(event.info);
      case 'metrics':
        return follower.metrics?.(event.points);
      case 'state':
        if (event.state === 'running') follower.running?.();
        else if (event.state === 'finished' || event.state === 'stopped') end({ status: event.state });
        else if (event.state === 'failed')
          end({ status: 'failed', message: event.message ?? 'the run failed without a message' });
        return;
      case 'fault':
        return end({ status: 'failed', message: event.fault.message });
      case 'log':
      case 'checkpoint':
      case 'hyperparameters-changed':
      case 'weights':
        return;
      case 'tokens':
        return follower.tokens?.(event.step, event.tokens);
      default:
        assertNever(event, 'trainer event');
    }
  };
  try {
    connection = connector({ event: receive, failure: (message) => end({ status: 'failed', message }) });
    // A connector that failed at once has ended the run before the connection existed.
    if (done) connection.dispose();
    else connection.send(start);
  } catch (error) {
    end({ status: 'failed', message: messageOf(error) });
  }
  return {
    send: (command) => {
      if (!done) connection?.send(command);
    },
    end,
    ended,
  };
}
