/**
 * One optimizer step across the replicas, and what follows it: the exchange rounds run alongside the `step`
 * commands; a replica that fails fails the step (the open round is aborted, so no survivor applies a half-reduced
 * step, and the survivors' own answers are kept); the merged metric point is batched for the page; every
 * `checksumEvery` steps the replicas' weights are compared.
 */
import type { ReplicaEvent } from '../../protocol/replica-messages';
import { ReplicaFailure, type Replica } from '../parallel/replica-group';
import { compareChecksums } from '../parallel/weight-checksum';
import { log, stepTimeoutMs, type Coordinator } from './coordinator-context';

const isStepAnswer = (e: ReplicaEvent) => e.type === 'stepped' || e.type === 'step-aborted';

/** One optimizer step on every member; throws a `ReplicaFailure` naming the replica that failed it. */
export async function stepOnce(c: Coordinator): Promise<void> {
  const { group, run } = c;
  if (!group || !run) return;
  // A member that died between steps (its worker ended) fails the run before the exchange waits for it.
  const gone = run.members.find((r) => !r.alive);
  if (gone) throw gone.failure ?? new ReplicaFailure(gone.index, 'terminated', 'it is no longer running');
  const live = run.members;
  for (const r of live) r.lastAccepted = undefined;
  const { exchange, master } = run;
  let roundsOpen = exchange !== null;
  const timeout = stepTimeoutMs(c);
  const step = run.step;
  const rounds = (async () => {
    if (!exchange) return;
    await exchange.reduceRound(timeout);
    if (master) {
      await exchange.reduceRound(timeout, (sum) => master.keepGradients(sum));
      await exchange.reduceRound(timeout, () => master.stepAndPublish(step));
    } else await exchange.reduceRound(timeout);
    roundsOpen = false;
  })();
  const changes = run.pendingChanges;
  run.pendingChanges = [];
  if (changes.length > 0) {
    master?.applyChanges(changes);
    c.platform.post({ type: 'hyperparameters-changed', step: step + 1, changes });
  }
  // With an exchange, its own timeout names the rank that never handed in; the step's outer timeout is for hangs
  // after it, so it runs longer.
  const stepped = group.gather(
    live,
    () => (changes.length > 0 ? { type: 'step', changes } : { type: 'step' }),
    isStepAnswer,
    exchange ? 2 * timeout : timeout,
    `optimizer step ${step + 1}`,
  );
  let events: Map<number, ReplicaEvent>;
  try {
    [, events] = await Promise.all([rounds, stepped]);
  } catch (error) {
    rounds.catch(() => undefined);
    stepped.catch(() => undefined);
    const failure = asFailure(error, live);
    group.fail(failure);
    // Only a round still open is aborted: once a sum is published every survivor applies it.
    if (roundsOpen) exchange?.abort(`trainer ${failure.index} failed: ${failure.message}`);
    await settleSurvivors(c, timeout);
    throw failure;
  }
  record(c, live, events);
}

function asFailure(error: unknown, live: readonly Replica[]): ReplicaFailure {
  if (error instanceof ReplicaFailure) return error;
  const missing = (error as { missingRanks?: readonly number[] }).missingRanks;
  const index = missing?.[0] !== undefined ? (live[missing[0]]?.index ?? 0) : 0;
  return new ReplicaFailure(index, 'timeout', error instanceof Error ? error.message : String(error));
}

/** Survivors finish (or abandon) the step in flight; their metric point, if they stepped, is kept. */
async function settleSurvivors(c: Coordinator, timeout: number): Promise<void> {
  const { group } = c;
  if (!group) return;
  const answered = (r: Replica) => r.lastAccepted !== undefined && isStepAnswer(r.lastAccepted);
  try {
    await group.gather(
      group.live.filter((r) => !answered(r)),
      null,
      isStepAnswer,
      timeout,
      'the interrupted step',
    );
  } catch (error) {
    if (error instanceof ReplicaFailure) group.fail(error);
  }
  const survivors = group.live;
  record(c, survivors, new Map(survivors.flatMap((r) => (r.lastAccepted ? [[r.index, r.lastAccepted] as const] : []))));
}

/** Merges the replicas' answers into one metric point; a step without a point means every epoch is done. */
function record(c: Coordinator, live: readonly Replica[], events: Map<number, ReplicaEvent>): void {
  const { run } = c;
  if (!run) return;
  const stepped = live
    .map((r) => events.get(r.index))
    .filter((e): e is Extract<ReplicaEvent, { type: 'stepped' }> => e?.type === 'stepped');
  const first = stepped[0];
  if (!first) return;
  if (!first.point) {
    run.endStep = run.step;
    return;
  }
  run.step = first.point.step;
  const trainers = stepped.map((e, rank) => {
    const stepMs = e.point?.stepMs ?? NaN;
    return { rank, stepMs, exchangeMs: e.exchangeMs, residuesPerSecond: (e.residues * 1000) / stepMs };
  });
  c.metrics.add(live.length > 1 ? { ...first.point, trainers } : first.point);
}

/** Every `checksumEvery` steps: the replicas' weights agree, or the run fails with a `drift` failure. */
export async function checkReplicasAgree(c: Coordinator): Promise<void> {
  const { group, run } = c;
  if (!group || !run || group.live.length < 2) return;
  const every = run.config.training.checksumEvery;
  if (every <= 0 || run.step % every !== 0) return;
  const live = group.live;
  const events = await group.gather(
    live,
    () => ({ type: 'checksum' }),
    (e) => e.type === 'checksum',
    stepTimeoutMs(c),
    'the weight checksum',
  );
  const sums = live.map((r) => events.get(r.index)).map((e) => (e?.type === 'checksum' ? e.checksum : null));
  const reference = sums[0];
  if (!reference) return;
  for (const [rank, checksum] of sums.entries()) {
    if (rank === 0 || !checksum) continue;
    const comparison = compareChecksums(reference, checksum);
    if (!comparison.equal) {
      throw new ReplicaFailure(
        live[rank]?.index ?? rank,
        'drift',
        `the replicas' weights drifted apart at step ${run.step}: rank ${rank} differs from rank 0 (${comparison.worst?.description ?? 'weights differ'})`,
      );
    }
    if (!comparison.exact && !run.reportedInexact) {
      run.reportedInexact = true;
      log(
        c,
        'info',
        `step ${run.step}: rank ${rank}'s weights agree with rank 0 within 1e-6 but not bit for bit (${comparison.worst?.name ?? ''})`,
      );
    }
  }
}
