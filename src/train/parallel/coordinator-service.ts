/**
 * The coordinator worker's logic, free of the worker global: sets up N trainer replicas (one when the strategy is
 * `single`), runs the gradient exchange between them, drives optimizer steps in lockstep until paused, stopped
 * or finished, checks every `checksumEvery` steps that the replicas still hold the same weights, and streams one
 * merged metric point per step (throttled to at most one message per `flushMs`).
 *
 * A trainer that fails (throws, runs out of memory, loses its GPU device, dies, or exceeds the step timeout)
 * pauses the run: the exchange is aborted if a round was still open, so no survivor applies a half-reduced step;
 * the survivors keep their weights and optimizer state, and `continue-with-remaining` re-deals the epoch among them
 * from their common state.
 */
import type { MetricPoint } from '../../protocol/metric-point';
import { TOKENS_FAILED, type ReplicaEvent, type ReplicaInfo } from '../../protocol/replica-messages';
import { createSharedSumBuffer } from '../../protocol/sum-exchange';
import type { CoordinatorCommand, HyperparameterChange, InitialWeights, RunInfo, TrainerEvent, TrainerFault, TrainingDataset, WeightNaming, WeightsPurpose } from '../../protocol/trainer-messages';
import type { RunConfig } from '../../protocol/run-config';
import { messageSumCoordinator } from './message-sum';
import { ReplicaFailure, ReplicaGroup, type Replica } from './replica-group';
import { sharedSumCoordinator } from './shared-sum';
import type { SumCoordinator } from './sum-exchange';
import { compareChecksums, type WeightChecksum } from './weight-checksum';
import { isLiveKey } from '../../config/live-changes';
import { checkpointWeightsAsSafetensors, checkpointWeightsForFoldtree2 } from '../checkpoint-weights';
import { checkpointModelNote } from '../checkpoint-model-note';
import { foldtree2HandoverZip } from '../foldtree2-handover-zip';
import { faultMessage } from './fault-message';
import type { Master } from './master-replica';

export interface CoordinatorPlatform {
  post(event: TrainerEvent, transfer?: Transferable[]): void;
  /** Keeps a copy of a checkpoint in the browser's storage (OPFS); returns where, or null where there is none. */
  storeCheckpoint?(fileName: string, bytes: ArrayBuffer): Promise<string | null>;
  /** Lets queued messages (pause, stop) run between steps. */
  yieldToEvents(): Promise<void>;
  now(): number;
}

type State = 'idle' | 'starting' | 'running' | 'paused' | 'faulted' | 'stopped';

const INIT_TIMEOUT_MS = 600_000;

export function createCoordinatorService(platform: CoordinatorPlatform, flushMs = 250) {
  let group: ReplicaGroup | null = null;
  let isolated = false;
  /** `members`: the replicas the current exchange was set up for, in rank order. */
  let run: { config: RunConfig; dataset: TrainingDataset; info: RunInfo; step: number; finished: boolean; members: Replica[] } | null = null;
  let exchange: SumCoordinator | null = null;
  /** Strategy dp: the master weights and optimizer (loaded on demand, with tfjs). */
  let master: Master | null = null;
  let state: State = 'idle';
  let looping = false;
  let stopRequested = false;
  let pending: MetricPoint[] = [];
  let lastFlush = 0;
  let reportedInexact = false;
  /** Live changes waiting for the next step (every replica takes them with its `step` command). */
  let pendingChanges: HyperparameterChange[] = [];
  /** Whether this run has a checkpoint to restart from (saved here, or the one it resumed from). */
  let hasCheckpoint = false;

  const log = (level: 'info' | 'warning' | 'error', message: string) => platform.post({ type: 'log', level, message });
  const setState = (next: State, message?: string) => {
    state = next;
    const shown = next === 'faulted' ? 'paused' : next === 'idle' ? 'stopped' : next;
    platform.post(message === undefined ? { type: 'state', state: shown } : { type: 'state', state: shown, message });
  };
  const flush = (force = false) => {
    if (pending.length === 0 || (!force && platform.now() - lastFlush < flushMs)) return;
    platform.post({ type: 'metrics', points: pending });
    pending = [];
    lastFlush = platform.now();
  };
  const stepTimeoutMs = () => (run?.config.training.trainerTimeoutS ?? 120) * 1000;

  function end(final: 'stopped' | 'finished' | 'failed', message?: string): void {
    flush(true);
    for (const replica of group?.live ?? []) group?.send(replica, { type: 'dispose' });
    exchange = null;
    master?.dispose();
    master = null;
    state = 'stopped';
    platform.post(message === undefined ? { type: 'state', state: final } : { type: 'state', state: final, message });
  }

  /** init → ready from every live replica → exchange wired; ranks are positions among the live replicas. */
  async function setUp(checkpoint: ArrayBuffer | undefined, weights?: InitialWeights): Promise<ReplicaInfo> {
    if (!group || !run) throw new Error('no trainers attached');
    const live = group.live;
    run.members = live;
    const rankOf = new Map(live.map((r, rank) => [r.index, rank]));
    const { config, dataset } = run;
    const ready = await group.gather(live, (r) => ({ type: 'init', config, dataset, rank: rankOf.get(r.index) ?? 0, worldSize: live.length, ...(checkpoint ? { checkpoint: checkpoint.slice(0) } : weights ? { weights: { name: weights.name, bytes: weights.bytes.slice(0) } } : {}) }), (e) => e.type === 'ready', INIT_TIMEOUT_MS, 'setting up');
    const infos = live.map((r) => ready.get(r.index)).filter((e): e is Extract<ReplicaEvent, { type: 'ready' }> => e?.type === 'ready').map((e) => e.info);
    const first = infos[0];
    if (!first) throw new Error('no trainer is running');
    let kind = 'none';
    exchange = null;
    master?.dispose();
    master = null;
    const strategy = live.length > 1 && config.training.strategy === 'dp' ? 'dp' : 'ddp';
    if (strategy === 'dp') {
      const saved = await group.gather(live.slice(0, 1), () => ({ type: 'save' }), (e) => e.type === 'saved', INIT_TIMEOUT_MS, 'handing over its initial state');
      const event = [...saved.values()][0];
      if (event?.type !== 'saved') throw new Error('rank 0 did not hand over its initial state');
      const { createMaster } = await import('./master-replica');
      master = await createMaster(event.bytes, first.totalSteps, first.precision === 'f16-mixed', live.length);
    }
    if (live.length > 1) {
      const capacity = Math.max(...infos.map((i) => i.exchangeCapacity));
      if (isolated) {
        const buffer = createSharedSumBuffer(live.length, capacity);
        exchange = sharedSumCoordinator(buffer, live.length);
        for (const r of live) group.send(r, { type: 'connect-exchange', exchange: { kind: 'shared', buffer, strategy } });
        kind = 'shared memory (SharedArrayBuffer + Atomics)';
      } else {
        exchange = messageSumCoordinator(live.map((r) => r.exchange));
        for (const r of live) group.send(r, { type: 'connect-exchange', exchange: { kind: 'message', strategy } });
        kind = 'messages (the page is not cross-origin isolated, so no SharedArrayBuffer)';
        log('warning', `gradients are exchanged through messages: ${kind.slice(10, -1)}`);
      }
    } else for (const r of live) group.send(r, { type: 'connect-exchange', exchange: null });
    const t = config.training;
    run.info = {
      runName: run.info.runName,
      ...first,
      trainers: live.length,
      strategy: live.length > 1 ? strategy : 'single',
      exchange: kind,
      effectiveBatch: t.batchSize * live.length * t.gradientAccumulationSteps,
    };
    run.step = first.step;
    platform.post({ type: 'info', info: run.info });
    return first;
  }

  /** One optimizer step on every live replica; the exchange rounds run alongside. */
  async function stepOnce(): Promise<void> {
    if (!group || !run) return;
    // A member that died between steps (its worker ended) fails the run before the exchange waits for it.
    const gone = run.members.find((r) => !r.alive);
    if (gone) throw gone.failure ?? new ReplicaFailure(gone.index, 'terminated', 'it is no longer running');
    const live = run.members;
    for (const r of live) r.lastAccepted = undefined;
    let roundsOpen = exchange !== null;
    const timeout = stepTimeoutMs();
    const step = run.step;
    const rounds = (async () => {
      if (!exchange) return;
      await exchange.reduceRound(timeout);
      if (master) {
        const m = master;
        await exchange.reduceRound(timeout, (sum) => m.keepGradients(sum));
        await exchange.reduceRound(timeout, () => m.stepAndPublish(step));
      } else await exchange.reduceRound(timeout);
      roundsOpen = false;
    })();
    // With an exchange, its own timeout names the rank that never handed in; the step's outer timeout is for hangs
    // after it, so it runs longer.
    const changes = pendingChanges;
    pendingChanges = [];
    if (changes.length > 0) {
      master?.applyChanges(changes);
      platform.post({ type: 'hyperparameters-changed', step: step + 1, changes });
    }
    const stepped = group.gather(live, () => (changes.length > 0 ? { type: 'step', changes } : { type: 'step' }), (e) => e.type === 'stepped' || e.type === 'step-aborted', exchange ? 2 * timeout : timeout, `optimizer step ${run.step + 1}`);
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
      await settleSurvivors(timeout);
      throw failure;
    }
    record(live, events);
  }

  function asFailure(error: unknown, live: readonly Replica[]): ReplicaFailure {
    if (error instanceof ReplicaFailure) return error;
    const missing = (error as { missingRanks?: readonly number[] }).missingRanks;
    const index = missing?.[0] !== undefined ? (live[missing[0]]?.index ?? 0) : 0;
    return new ReplicaFailure(index, 'timeout', error instanceof Error ? error.message : String(error));
  }

  /** Survivors finish (or abandon) the step in flight; their metric point, if they stepped, is kept. */
  async function settleSurvivors(timeout: number): Promise<void> {
    if (!group) return;
    const live = group.live;
    const answered = (r: Replica) => r.lastAccepted?.type === 'stepped' || r.lastAccepted?.type === 'step-aborted';
    try {
      await group.gather(live.filter((r) => !answered(r)), null, (e) => e.type === 'stepped' || e.type === 'step-aborted', timeout, 'the interrupted step');
    } catch (error) {
      if (error instanceof ReplicaFailure) group.fail(error);
    }
    const survivors = group.live;
    record(survivors, new Map(survivors.flatMap((r) => (r.lastAccepted ? [[r.index, r.lastAccepted] as const] : []))));
  }

  function record(live: readonly Replica[], events: Map<number, ReplicaEvent>): void {
    if (!run) return;
    const stepped = live.map((r) => events.get(r.index)).filter((e): e is Extract<ReplicaEvent, { type: 'stepped' }> => e?.type === 'stepped');
    if (stepped.length === 0) return;
    const first = stepped[0];
    if (!first?.point) {
      run.finished = true;
      return;
    }
    run.step = first.point.step;
    const trainers = stepped.map((e, rank) => {
      const stepMs = e.point?.stepMs ?? NaN;
      return { rank, stepMs, exchangeMs: e.exchangeMs, residuesPerSecond: (e.residues * 1000) / stepMs };
    });
    pending.push(live.length > 1 ? { ...first.point, trainers } : first.point);
  }

  async function checkReplicasAgree(): Promise<void> {
    if (!group || !run || group.live.length < 2) return;
    const every = run.config.training.checksumEvery;
    if (every <= 0 || run.step % every !== 0) return;
    const live = group.live;
    const events = await group.gather(live, () => ({ type: 'checksum' }), (e) => e.type === 'checksum', stepTimeoutMs(), 'the weight checksum');
    const sums = live.map((r) => events.get(r.index)).map((e) => (e?.type === 'checksum' ? e.checksum : null));
    const reference = sums[0] as WeightChecksum;
    for (const [rank, checksum] of sums.entries()) {
      if (rank === 0 || !checksum) continue;
      const comparison = compareChecksums(reference, checksum);
      if (!comparison.equal) {
        throw new ReplicaFailure(live[rank]?.index ?? rank, 'drift', `the replicas' weights drifted apart at step ${run.step}: rank ${rank} differs from rank 0 (${comparison.worst?.description ?? 'weights differ'})`);
      }
      if (!comparison.exact && !reportedInexact) {
        reportedInexact = true;
        log('info', `step ${run.step}: rank ${rank}'s weights agree with rank 0 within 1e-6 but not bit for bit (${comparison.worst?.name ?? ''})`);
      }
    }
  }

  async function loop(): Promise<void> {
    if (looping) return;
    looping = true;
    try {
      while (state === 'running' && !stopRequested && run && !run.finished) {
        // The replicas stop exchanging once every step is taken, so the coordinator must not open another round.
        if (run.step >= run.info.totalSteps) {
          run.finished = true;
          break;
        }
        await stepOnce();
        await checkReplicasAgree();
        flush();
        await platform.yieldToEvents();
      }
    } catch (error) {
      if (!(error instanceof ReplicaFailure)) throw error;
      return pauseForFault(error);
    } finally {
      looping = false;
    }
    if (stopRequested) return end('stopped');
    if (run?.finished) {
      // The finished run's weights, optimizer state and counters, before the trainers let them go.
      await saveCheckpoint(true).catch((error: unknown) => log('warning', `the final checkpoint could not be saved: ${error instanceof Error ? error.message : String(error)}`));
      return end('finished');
    }
    flush(true);
  }

  function pauseForFault(failure: ReplicaFailure): void {
    flush(true);
    if (!run) return;
    const remaining = group?.live.length ?? 0;
    const fault: TrainerFault = { rank: failure.index, kind: failure.kind, step: run.step, remaining, message: faultMessage(failure, run.config, run.step, remaining, hasCheckpoint) };
    exchange = null;
    platform.post({ type: 'fault', fault });
    if (failure.kind === 'drift') return end('failed', fault.message);
    setState('faulted', fault.message);
  }

  async function start(command: Extract<CoordinatorCommand, { type: 'start' }>): Promise<void> {
    if (state === 'running' || state === 'paused' || state === 'faulted' || state === 'starting') throw new Error('a run is already going: stop it first');
    if (!group) throw new Error('no trainer workers are attached');
    stopRequested = false;
    reportedInexact = false;
    setState('starting');
    const runName = command.config.logging.runName ?? `${command.config.model.preset}-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}`;
    run = { config: command.config, dataset: command.dataset, info: { runName } as RunInfo, step: 0, finished: false, members: [] };
    hasCheckpoint = command.checkpoint !== undefined;
    const note = command.checkpoint ? checkpointModelNote(command.checkpoint, command.config) : null;
    if (note !== null) log('warning', note);
    let first: ReplicaInfo;
    try {
      first = await setUp(command.checkpoint, command.weights);
    } catch (error) {
      // Nothing was trained yet, so there is nothing to pause or continue: the run ends, saying why.
      if (!(error instanceof ReplicaFailure)) throw error;
      return end('failed', `The run could not start: ${error.message}`);
    }
    if (first.precision !== 'f32') log('info', `precision: ${first.precision === 'f16-mixed' ? 'f16-mixed (matMul operands in half precision, f32 accumulation, dynamic loss scaling)' : first.precision}`);
    setState('running');
    await loop();
  }

  async function continueWithRemaining(): Promise<void> {
    if (state !== 'faulted' || !group || !run) throw new Error('there is no failed trainer to continue without');
    const live = group.live;
    const donor = live[0];
    if (!donor) throw new Error('no trainer is left: restart from the last checkpoint');
    const saved = await group.gather([donor], () => ({ type: 'save' }), (e) => e.type === 'saved', stepTimeoutMs(), 'saving its state');
    const event = saved.get(donor.index);
    if (event?.type !== 'saved') throw new Error('the surviving trainer did not hand over its state');
    const survivorsState = master ? await master.checkpoint(event.bytes) : event.bytes;
    setState('starting');
    await setUp(survivorsState);
    log('info', `continuing at step ${run.step} with ${live.length} trainer${live.length === 1 ? '' : 's'}; the rest of the epoch is dealt among them`);
    setState('running');
    await loop();
  }

  async function saveCheckpoint(final = false): Promise<void> {
    const donor = group?.live[0];
    if (!group || !donor || !run) throw new Error('no run to save');
    const saved = await group.gather([donor], () => ({ type: 'save' }), (e) => e.type === 'saved', stepTimeoutMs(), 'saving a checkpoint');
    const event = saved.get(donor.index);
    if (event?.type !== 'saved') throw new Error('the trainer did not hand over a checkpoint');
    const bytes = master ? await master.checkpoint(event.bytes) : event.bytes;
    const fileName = `step${event.step}.ftsckpt`;
    const stored = await platform.storeCheckpoint?.(fileName, bytes.slice(0)).catch(() => null);
    if (stored) log('info', `checkpoint kept in browser storage as ${stored}`);
    hasCheckpoint = true;
    platform.post({ type: 'checkpoint', step: event.step, bytes, fileName, ...(final ? { final } : {}) }, [bytes]);
  }

  /** One optimizer step while paused (the run stays paused). */
  async function stepWhilePaused(): Promise<void> {
    if (state !== 'paused' || looping || !run) return;
    looping = true;
    try {
      if (run.step >= run.info.totalSteps) return;
      await stepOnce();
      await checkReplicasAgree();
    } catch (error) {
      if (!(error instanceof ReplicaFailure)) throw error;
      return pauseForFault(error);
    } finally {
      looping = false;
    }
    flush(true);
  }

  async function downloadWeights(naming: WeightNaming, purpose: WeightsPurpose = 'save'): Promise<void> {
    const donor = group?.live[0];
    if (!group || !donor || !run) throw new Error('no run to take weights from');
    const saved = await group.gather([donor], () => ({ type: 'save' }), (e) => e.type === 'saved', stepTimeoutMs(), 'handing over its weights');
    const event = saved.get(donor.index);
    if (event?.type !== 'saved') throw new Error('the trainer did not hand over its weights');
    const metadata = { step: String(event.step), run: run.info.runName };
    if (naming === 'foldtree2-handover') {
      const zip = foldtree2HandoverZip(event.bytes, run.config, metadata, group.live.length);
      const bytes = zip.bytes.buffer.slice(zip.bytes.byteOffset, zip.bytes.byteOffset + zip.bytes.byteLength) as ArrayBuffer;
      platform.post({ type: 'weights', step: event.step, bytes, fileName: `step${event.step}-foldtree2-handover.zip` }, [bytes]);
      return;
    }
    const bytes = naming === 'foldtree2' ? checkpointWeightsForFoldtree2(event.bytes, metadata) : checkpointWeightsAsSafetensors(event.bytes, metadata);
    const fileName = `step${event.step}${naming === 'foldtree2' ? '.foldtree2' : ''}.safetensors`;
    platform.post({ type: 'weights', step: event.step, bytes, fileName, ...(purpose === 'encode' ? { purpose } : {}) }, [bytes]);
  }

  return {
    async handle(command: CoordinatorCommand): Promise<void> {
      try {
        switch (command.type) {
          case 'attach-trainers':
            group = new ReplicaGroup(command.control, command.exchange);
            isolated = command.isolated;
            group.onOther = (index, event) => {
              if (event.type === 'log') platform.post({ type: 'log', level: event.level, message: group && group.replicas.length > 1 ? `trainer ${index}: ${event.message}` : event.message });
            };
            return;
          case 'trainer-failed':
            group?.fail(new ReplicaFailure(command.rank, 'terminated', command.reason));
            if (state === 'paused' && group) pauseForFault(new ReplicaFailure(command.rank, 'terminated', command.reason));
            return;
          case 'start':
            return await start(command);
          case 'pause':
            if (state === 'running') setState('paused');
            return;
          case 'resume':
            if (state === 'paused') {
              setState('running');
              await loop();
            }
            return;
          case 'continue-with-remaining':
            return await continueWithRemaining();
          case 'set-hyperparameters': {
            const refused = command.changes.filter((c) => !isLiveKey(c.path));
            if (refused.length > 0) return log('error', `${refused.map((c) => c.path).join(', ')} cannot change while a run trains`);
            pendingChanges.push(...command.changes);
            return;
          }
          case 'stop':
            // A step in flight finishes first (its update is kept); then the loop ends the run.
            if (looping) stopRequested = true;
            else if (state !== 'stopped' && state !== 'idle') end('stopped');
            return;
          case 'save-checkpoint':
            return await saveCheckpoint();
          case 'step-once':
            return await stepWhilePaused();
          case 'download-weights':
            try {
              return await downloadWeights(command.naming ?? 'studio', command.purpose);
            } catch (error) {
              // An export that cannot be made (a model FoldTree2 cannot build) is reported; the run goes on.
              if (error instanceof ReplicaFailure) throw error;
              return log('error', `No weights exported: ${error instanceof Error ? error.message : String(error)}`);
            }
          case 'encode-protein': {
            const donor = group?.live[0];
            if (!group || !donor) throw new Error('no run to encode with');
            // A token request that cannot be answered is the teaching view's problem, never the run's.
            const answered = await group.gather(
              [donor],
              () => ({ type: 'encode', ...(command.proteinId ? { proteinId: command.proteinId } : {}) }),
              (e) => e.type === 'encoded' || (e.type === 'log' && e.message.startsWith(TOKENS_FAILED)),
              stepTimeoutMs(),
              'encoding a protein',
            );
            const event = answered.get(donor.index);
            if (event?.type === 'encoded') platform.post({ type: 'tokens', step: event.step, tokens: event.tokens });
            else if (event?.type === 'log') log('warning', event.message);
            return;
          }
          case 'inject-fault': {
            const target = group?.replicas[command.rank];
            if (target?.alive) group?.send(target, { type: 'inject-fault', fault: command.fault, atStep: command.atStep });
            return;
          }
        }
      } catch (error) {
        if (error instanceof ReplicaFailure && run) return pauseForFault(error);
        // The metrics already streamed stay on the page; the message says what failed.
        end('failed', error instanceof Error ? error.message : String(error));
      }
    },
  };
}
