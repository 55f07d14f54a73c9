/**
 * The coordinator's view of its trainer replicas: one control port each, which are alive, and `gather` — send a
 * command to every live replica and wait for one matching event from each, failing fast (with the rank and the
 * reason) when a replica reports a failure, is reported dead by the page, or does not answer in time.
 */
import type { ReplicaCommand, ReplicaEvent } from '../../protocol/replica-messages';
import { isReplicaEvent } from '../../protocol/replica-messages';
import type { TrainerFault } from '../../protocol/coordinator-messages';
import type { PortLike } from './message-sum';

/** A replica's failure; `index` is its position in the group (its rank in the run that started it). */
export class ReplicaFailure extends Error {
  constructor(
    readonly index: number,
    readonly kind: TrainerFault['kind'],
    message: string,
  ) {
    super(message);
  }
}

export interface Replica {
  readonly index: number;
  readonly control: PortLike;
  readonly exchange: PortLike;
  alive: boolean;
  /** Why it stopped, once it did. */
  failure?: ReplicaFailure;
  /** The last event a gathering took from it (kept when the gathering itself failed on another replica). */
  lastAccepted?: ReplicaEvent | undefined;
}

interface Gathering {
  readonly from: Set<number>;
  readonly accept: (event: ReplicaEvent) => boolean;
  readonly got: Map<number, ReplicaEvent>;
  resolve(events: Map<number, ReplicaEvent>): void;
  reject(error: ReplicaFailure): void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export class ReplicaGroup {
  readonly replicas: Replica[];
  private gatherings = new Set<Gathering>();
  /** Events no gathering waits for (logs, late answers) go here. */
  onOther: (index: number, event: ReplicaEvent) => void = () => undefined;

  constructor(control: readonly PortLike[], exchange: readonly PortLike[]) {
    this.replicas = control.map((port, index) => ({
      index,
      control: port,
      exchange: exchange[index] ?? port,
      alive: true,
    }));
    for (const replica of this.replicas)
      replica.control.onmessage = (message) => this.receive(replica.index, message.data);
  }

  get live(): Replica[] {
    return this.replicas.filter((r) => r.alive);
  }

  send(replica: Replica, command: ReplicaCommand, transfer: ArrayBuffer[] = []): void {
    replica.control.postMessage(command, transfer);
  }

  /** Marks a replica dead and fails every gathering that waits for it. */
  fail(failure: ReplicaFailure): void {
    const replica = this.replicas[failure.index];
    if (!replica?.alive) return;
    replica.alive = false;
    replica.failure = failure;
    for (const g of [...this.gatherings]) if (g.from.has(failure.index)) this.finish(g, failure);
  }

  /**
   * Sends `command(replica)` to each of `targets` and resolves with one accepted event per target; rejects with the
   * first failure among them, or a timeout naming the ranks that did not answer within `timeoutMs`.
   */
  gather(
    targets: readonly Replica[],
    command: ((replica: Replica) => ReplicaCommand) | null,
    accept: (event: ReplicaEvent) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<Map<number, ReplicaEvent>> {
    return new Promise((resolve, reject) => {
      const g: Gathering = {
        from: new Set(targets.map((r) => r.index)),
        accept,
        got: new Map(),
        resolve,
        reject,
        timer: undefined,
      };
      const dead = targets.find((r) => !r.alive);
      if (dead)
        return reject(new ReplicaFailure(dead.index, 'terminated', `trainer ${dead.index} is no longer running`));
      this.gatherings.add(g);
      g.timer = setTimeout(() => {
        const missing = [...g.from].filter((index) => !g.got.has(index));
        const first = missing[0] ?? 0;
        this.finish(
          g,
          new ReplicaFailure(
            first,
            'timeout',
            `trainer ${missing.join(', ')} did not finish ${what} within ${Math.round(timeoutMs / 1000)} s`,
          ),
        );
      }, timeoutMs);
      if (command) for (const replica of targets) this.send(replica, command(replica));
      if (g.from.size === 0) this.finish(g, null);
    });
  }

  private finish(g: Gathering, failure: ReplicaFailure | null): void {
    if (!this.gatherings.delete(g)) return;
    if (g.timer !== undefined) clearTimeout(g.timer);
    if (failure) g.reject(failure);
    else g.resolve(g.got);
  }

  private receive(index: number, data: unknown): void {
    if (!isReplicaEvent(data)) return;
    if (data.type === 'failed') {
      this.fail(new ReplicaFailure(index, data.kind, data.message));
      return;
    }
    let taken = false;
    for (const g of [...this.gatherings]) {
      if (!taken && g.from.has(index) && !g.got.has(index) && g.accept(data)) {
        g.got.set(index, data);
        const replica = this.replicas[index];
        if (replica) replica.lastAccepted = data;
        taken = true;
        if (g.got.size === g.from.size) this.finish(g, null);
      }
    }
    if (!taken) this.onOther(index, data);
  }
}
