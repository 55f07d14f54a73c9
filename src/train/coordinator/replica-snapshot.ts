/**
 * The one way the coordinator gets a run's state out of the replicas: rank 0 saves a checkpoint and hands over the
 * bytes; under strategy dp the master's optimizer state completes them. Checkpoints, weight exports, continuing
 * after a fault and the dp master's start all go through `snapshot`.
 */
import type { Master } from '../parallel/master-replica';
import type { Replica, ReplicaGroup } from '../parallel/replica-group';

export interface Snapshot {
  /** Optimizer steps the saved state has taken. */
  readonly step: number;
  /** A studio checkpoint (`.ftsckpt`). */
  readonly bytes: ArrayBuffer;
}

/**
 * Asks `donor` to save and waits up to `timeoutMs`; `what` names the request in a timeout's message. With a
 * `master`, the replica's checkpoint is completed with the master's optimizer, schedule and loss-scale state.
 */
export async function snapshot(
  group: ReplicaGroup,
  donor: Replica,
  timeoutMs: number,
  what: string,
  master: Master | null = null,
): Promise<Snapshot> {
  const saved = await group.gather(
    [donor],
    () => ({ type: 'save' }),
    (e) => e.type === 'saved',
    timeoutMs,
    what,
  );
  const event = saved.get(donor.index);
  if (event?.type !== 'saved') throw new Error(`trainer ${donor.index} did not answer ${what}`);
  return { step: event.step, bytes: master ? await master.checkpoint(event.bytes) : event.bytes };
}
