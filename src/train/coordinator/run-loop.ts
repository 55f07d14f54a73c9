/**
 * A run's life on the coordinator: start (set the replicas up, then step), the step loop until paused, stopped or
 * every step is taken, single steps while paused, and fault recovery. A replica that fails (throws, runs out of
 * memory, loses its GPU device, dies, or exceeds the step timeout) pauses the run; the survivors keep their weights
 * and optimizer state, and `continueWithRemaining` re-deals the epoch among them from their common state.
 */
import type { ReplicaInfo } from '../../protocol/replica-messages';
import type { CoordinatorCommand, RunInfo, TrainerFault } from '../../protocol/coordinator-messages';
import { defaultRunName } from '../../protocol/run-name';
import { checkpointModelNote } from '../weights/checkpoint-model-note';
import { faultMessage } from '../parallel/fault-message';
import { ReplicaFailure } from '../parallel/replica-group';
import { log, messageOf, stepTimeoutMs, type Coordinator } from './coordinator-context';
import { isGoing, isStepping, shownState, type CoordinatorPhase } from './coordinator-phase';
import { saveCheckpoint } from './run-artifacts';
import { setUpReplicas } from './run-setup';
import { checkReplicasAgree, stepOnce } from './replica-steps';
import { snapshot } from './replica-snapshot';

/** The phase now (read afresh after an await, where another command may have changed it). */
const phaseOf = (c: Coordinator): CoordinatorPhase => c.phase;

/** Moves to `phase` and tells the page (with `message`, if any). */
export function enter(c: Coordinator, phase: CoordinatorPhase, message?: string): void {
  c.phase = phase;
  const state = shownState(phase);
  c.platform.post(message === undefined ? { type: 'state', state } : { type: 'state', state, message });
}

/** Ends the run: metrics out, replicas let go, the page told how it ended. */
export function end(c: Coordinator, final: 'stopped' | 'finished' | 'failed', message?: string): void {
  c.metrics.flush(true);
  for (const replica of c.group?.live ?? []) c.group?.send(replica, { type: 'dispose' });
  if (c.run) {
    c.run.exchange = null;
    c.run.master?.dispose();
    c.run.master = null;
  }
  c.phase = { name: 'ended' };
  c.platform.post(message === undefined ? { type: 'state', state: final } : { type: 'state', state: final, message });
}

export async function start(c: Coordinator, command: Extract<CoordinatorCommand, { type: 'start' }>): Promise<void> {
  if (isGoing(c.phase)) throw new Error('a run is already going: stop it first');
  if (!c.group) throw new Error('no trainer workers are attached');
  enter(c, { name: 'starting' });
  const runName = command.config.logging.runName ?? defaultRunName(command.config.model.preset, new Date());
  c.run = {
    config: command.config,
    dataset: command.dataset,
    info: { runName } as RunInfo,
    step: 0,
    endStep: 0,
    members: [],
    exchange: null,
    master: null,
    pendingChanges: [],
    hasCheckpoint: command.checkpoint !== undefined,
    reportedInexact: false,
  };
  const note = command.checkpoint ? checkpointModelNote(command.checkpoint, command.config) : null;
  if (note !== null) log(c, 'warning', note);
  let first: ReplicaInfo;
  try {
    first = await setUpReplicas(c, command.checkpoint, command.weights);
  } catch (error) {
    // Nothing was trained yet, so there is nothing to pause or continue: the run ends, saying why.
    if (!(error instanceof ReplicaFailure)) throw error;
    return end(c, 'failed', `The run could not start: ${error.message}`);
  }
  // Stopped while the replicas were being set up: the run has already ended.
  if (phaseOf(c).name !== 'starting') return;
  if (first.precision !== 'f32')
    log(
      c,
      'info',
      `precision: ${first.precision === 'f16-mixed' ? 'f16-mixed (matMul operands in half precision, f32 accumulation, dynamic loss scaling)' : first.precision}`,
    );
  enter(c, { name: 'running', stepping: false });
  await loop(c);
}

/**
 * Runs `steps` with the phase marked as stepping (so no second loop starts and a stop waits for the step); a
 * replica that fails pauses the run. False after a fault.
 */
async function whileStepping(c: Coordinator, name: 'running' | 'paused', steps: () => Promise<void>): Promise<boolean> {
  c.phase = { name, stepping: true };
  try {
    await steps();
    return true;
  } catch (error) {
    if (!(error instanceof ReplicaFailure)) throw error;
    pauseForFault(c, error);
    return false;
  } finally {
    const now = phaseOf(c);
    if (now.name === 'running' || now.name === 'paused') c.phase = { name: now.name, stepping: false };
  }
}

/** Steps while the phase is `running`; then ends the run (stopped, or every step taken) or stays paused. */
export async function loop(c: Coordinator): Promise<void> {
  const { run } = c;
  if (!run || c.phase.name !== 'running' || c.phase.stepping) return;
  let done = false;
  const stepped = await whileStepping(c, 'running', async () => {
    while (phaseOf(c).name === 'running') {
      // The replicas stop exchanging once every step is taken, so the coordinator must not open another round.
      if (run.step >= run.endStep) {
        done = true;
        return;
      }
      await stepOnce(c);
      await checkReplicasAgree(c);
      c.metrics.flush();
      await c.platform.yieldToEvents();
    }
  });
  if (!stepped) return;
  if (phaseOf(c).name === 'stopping') return end(c, 'stopped');
  if (done) {
    // The finished run's weights, optimizer state and counters, before the trainers let them go.
    await saveCheckpoint(c, true).catch((error: unknown) =>
      log(c, 'warning', `the final checkpoint could not be saved: ${messageOf(error)}`),
    );
    return end(c, 'finished');
  }
  c.metrics.flush(true);
}

/** One optimizer step while paused (the run stays paused). */
export async function stepWhilePaused(c: Coordinator): Promise<void> {
  const { run } = c;
  if (c.phase.name !== 'paused' || c.phase.stepping || !run || run.step >= run.endStep) return;
  const stepped = await whileStepping(c, 'paused', async () => {
    await stepOnce(c);
    await checkReplicasAgree(c);
  });
  if (!stepped) return;
  if (phaseOf(c).name === 'stopping') return end(c, 'stopped');
  c.metrics.flush(true);
  // Resumed during the step: the loop that the resume could not start runs now.
  if (phaseOf(c).name === 'running') await loop(c);
}

/** Stop: a step in flight finishes first (its update is kept), then the run ends. */
export function stop(c: Coordinator): void {
  if (isStepping(c.phase)) c.phase = { name: 'stopping' };
  else if (c.phase.name !== 'ended' && c.phase.name !== 'idle' && c.phase.name !== 'stopping') end(c, 'stopped');
}

export function pauseForFault(c: Coordinator, failure: ReplicaFailure): void {
  c.metrics.flush(true);
  const { run } = c;
  if (!run) return;
  const remaining = c.group?.live.length ?? 0;
  const message = faultMessage(failure, run.config, run.step, remaining, run.hasCheckpoint);
  const fault: TrainerFault = { rank: failure.index, kind: failure.kind, step: run.step, remaining, message };
  run.exchange = null;
  c.platform.post({ type: 'fault', fault });
  if (failure.kind === 'drift') return end(c, 'failed', fault.message);
  enter(c, { name: 'faulted' }, fault.message);
}

/** After a fault: the survivors continue from their common state, the rest of the epoch dealt among them. */
export async function continueWithRemaining(c: Coordinator): Promise<void> {
  const { group, run } = c;
  if (c.phase.name !== 'faulted' || !group || !run) throw new Error('there is no failed trainer to continue without');
  const live = group.live;
  const donor = live[0];
  if (!donor) throw new Error('no trainer is left: restart from the last checkpoint');
  const survivors = await snapshot(group, donor, stepTimeoutMs(c), 'saving its state', run.master);
  enter(c, { name: 'starting' });
  await setUpReplicas(c, survivors.bytes);
  if (phaseOf(c).name !== 'starting') return;
  log(
    c,
    'info',
    `continuing at step ${run.step} with ${live.length} trainer${live.length === 1 ? '' : 's'}; the rest of the epoch is dealt among them`,
  );
  enter(c, { name: 'running', stepping: false });
  await loop(c);
}
