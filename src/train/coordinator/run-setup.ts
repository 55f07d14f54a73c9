/**
 * Setting a run's replicas up: `init` to every live replica, `ready` from each, then the gradient exchange wired
 * between them (shared memory where the page is cross-origin isolated, messages otherwise) and, under strategy dp,
 * the master copy made from rank 0's state. Ranks are positions among the live replicas.
 */
import { createSharedSumBuffer } from '../../protocol/sum-exchange';
import type { ReplicaEvent, ReplicaInfo } from '../../protocol/replica-messages';
import type { InitialWeights } from '../../protocol/coordinator-messages';
import { messageSumCoordinator } from '../parallel/message-sum';
import { sharedSumCoordinator } from '../parallel/shared-sum';
import type { Replica } from '../parallel/replica-group';
import { log, type Coordinator } from './coordinator-context';
import { snapshot } from './replica-snapshot';

const INIT_TIMEOUT_MS = 600_000;

type Ready = Extract<ReplicaEvent, { type: 'ready' }>;

/** Sets up every live replica from `checkpoint` (or fresh, from `weights`); posts the run's info; returns rank 0's. */
export async function setUpReplicas(
  c: Coordinator,
  checkpoint: ArrayBuffer | undefined,
  weights?: InitialWeights,
): Promise<ReplicaInfo> {
  const { group, run } = c;
  if (!group || !run) throw new Error('no trainers attached');
  const live = group.live;
  run.members = live;
  const rankOf = new Map(live.map((r, rank) => [r.index, rank]));
  const { config, dataset } = run;
  const origin = checkpoint
    ? { checkpoint: checkpoint.slice(0) }
    : weights
      ? { weights: { name: weights.name, bytes: weights.bytes.slice(0) } }
      : {};
  const ready = await group.gather(
    live,
    (r) => ({ type: 'init', config, dataset, rank: rankOf.get(r.index) ?? 0, worldSize: live.length, ...origin }),
    (e) => e.type === 'ready',
    INIT_TIMEOUT_MS,
    'setting up',
  );
  const infos = live
    .map((r) => ready.get(r.index))
    .filter((e): e is Ready => e?.type === 'ready')
    .map((e) => e.info);
  const first = infos[0];
  if (!first) throw new Error('no trainer is running');
  run.exchange = null;
  run.master?.dispose();
  run.master = null;
  const strategy = live.length > 1 && config.training.strategy === 'dp' ? 'dp' : 'ddp';
  if (strategy === 'dp' && live[0]) {
    const initial = await snapshot(group, live[0], INIT_TIMEOUT_MS, 'handing over its initial state');
    const { createMaster } = await import('../parallel/master-replica');
    run.master = await createMaster(initial.bytes, first.totalSteps, first.precision === 'f16-mixed', live.length);
  }
  const exchange =
    live.length > 1
      ? connectExchange(c, live, Math.max(...infos.map((i) => i.exchangeCapacity)), strategy)
      : connectNone(c, live);
  const t = config.training;
  run.info = {
    runName: run.info.runName,
    ...first,
    trainers: live.length,
    strategy: live.length > 1 ? strategy : 'single',
    exchange,
    effectiveBatch: t.batchSize * live.length * t.gradientAccumulationSteps,
  };
  run.step = first.step;
  run.endStep = first.totalSteps;
  c.platform.post({ type: 'info', info: run.info });
  return first;
}

/** Wires the exchange between `live` (at most `capacity` floats a round each); returns how, in words. */
function connectExchange(c: Coordinator, live: readonly Replica[], capacity: number, strategy: 'ddp' | 'dp'): string {
  const { group, run } = c;
  if (!group || !run) return 'none';
  if (c.isolated) {
    const buffer = createSharedSumBuffer(live.length, capacity);
    run.exchange = sharedSumCoordinator(buffer, live.length);
    for (const r of live) group.send(r, { type: 'connect-exchange', exchange: { kind: 'shared', buffer, strategy } });
    return 'shared memory (SharedArrayBuffer + Atomics)';
  }
  run.exchange = messageSumCoordinator(live.map((r) => r.exchange));
  for (const r of live) group.send(r, { type: 'connect-exchange', exchange: { kind: 'message', strategy } });
  const kind = 'messages (the page is not cross-origin isolated, so no SharedArrayBuffer)';
  log(c, 'warning', `gradients are exchanged through messages: ${kind.slice(10, -1)}`);
  return kind;
}

function connectNone(c: Coordinator, live: readonly Replica[]): string {
  for (const r of live) c.group?.send(r, { type: 'connect-exchange', exchange: null });
  return 'none';
}
