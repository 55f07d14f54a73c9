/**
 * What the user asks of a run: start (with a fresh coordinator worker for each run), pause, resume or continue after
 * a fault, a single step, live changes, checkpoints, weights, the strip's tokens, stop. Each does nothing when the
 * run is not in a state to take it.
 */
import { browserFacts, trainersFor } from '../../client/coordinator-client';
import { isLiveKey } from '../../config/live-changes';
import type { RunConfig } from '../../protocol/run-config';
import type { InitialWeights, InjectedFault, TrainingDataset, WeightNaming } from '../../protocol/coordinator-messages';
import { configValue, withConfigValue, type ConfigPath } from '../config/config-edit';
import { resetMetrics } from '../charts/metrics-store';
import { modelShapeProblem } from '../config/model-shape';
import { resetRunEvents } from './run-events';
import { recordRunStart } from '../runs/run-recorder';
import { useTokenStrip } from '../tokens/token-strip-store';
import { setConfigValue } from './config-actions';
import { receive } from './coordinator-events';
import { checkpointRunConfig } from './checkpoint-run-config';
import { closeConnection, send, session } from './run-session';
import { failRun, initialRunState, isActive, isTraining, logRunsWarnings, appendLog, useRunStore } from './run-store';

/** What a run starts from besides its config: a checkpoint to resume, or a weights file for a fresh run. */
export type RunOrigin = { readonly checkpoint: ArrayBuffer } | { readonly weights: InitialWeights };

/**
 * Starts a new run on `dataset` with the edited config (its `data.dataset` set to `datasetName`); with a
 * `checkpoint` origin it continues the saved run (the checkpoint's own config is used), with `weights` a fresh run
 * starts from the file's weights. The previous run's worker is closed and its metrics cleared. Does nothing while a
 * run is active or a field is invalid.
 */
export function startRun(
  dataset: TrainingDataset,
  datasetName: string = dataset.kind === 'file' ? dataset.file.name : dataset.name,
  origin?: RunOrigin,
): void {
  const state = useRunStore.getState();
  if (isActive(state.status) || Object.keys(state.fieldErrors).length > 0) return;
  // A model that cannot be built is refused here, naming the keys, not by the trainers after they start.
  const problem = origin && 'checkpoint' in origin ? null : modelShapeProblem(state.config);
  if (problem !== null) {
    useRunStore.setState({ configError: problem });
    return;
  }
  const named = withConfigValue(state.config, 'data.dataset', datasetName);
  const config = named.ok ? named.config : state.config;
  closeConnection();
  session.finalCheckpoint = null;
  resetMetrics();
  resetRunEvents();
  logRunsWarnings();
  const ticket = session.ticket;
  useRunStore.setState({
    status: 'starting',
    statusMessage: null,
    info: null,
    config,
    error: null,
    checkpointPending: false,
    lastCheckpoint: null,
    logs: [],
    fault: null,
  });
  // A resumed run continues with its checkpoint's config: that is the one to log and record.
  const resumed = origin && 'checkpoint' in origin ? checkpointRunConfig(origin.checkpoint) : null;
  const resumedOn = resumed ? withConfigValue(resumed, 'data.dataset', datasetName) : null;
  const runs = resumedOn?.ok ? resumedOn.config : (resumed ?? config);
  recordRunStart(runs, datasetName);
  const t = runs.training;
  appendLog(
    'info',
    `${resumed ? 'Resuming from the checkpoint' : 'Starting'}: ${runs.model.preset} model, batch ${t.batchSize} × ${t.gradientAccumulationSteps} accumulation, ${t.epochs} epochs on ${datasetName}`,
  );
  try {
    session.connection = session.connector({
      event: (event) => {
        if (ticket === session.ticket) receive(event);
      },
      failure: (message) => {
        if (ticket !== session.ticket) return;
        session.connection = null;
        failRun(message);
      },
    });
  } catch (error) {
    failRun(`The coordinator worker could not start: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  send({ type: 'start', config, dataset, ...origin });
}

export function pauseRun(): void {
  if (useRunStore.getState().status === 'running') send({ type: 'pause' });
}

/** Resumes a paused run; after a trainer failed, continues with the trainers left. */
export function resumeRun(): void {
  const { status, fault } = useRunStore.getState();
  if (status !== 'paused') return;
  if (!fault) send({ type: 'resume' });
  else if (fault.remaining > 0) send({ type: 'continue-with-remaining' });
}

/**
 * Changes a hyper-parameter while the run trains (learning rates, loss weights, commitment schedule, clipping,
 * pLDDT masking — `LIVE_KEYS`): checked like any edit, kept in the config, and sent to the trainers, which take it
 * from the next optimizer step. Outside a run it is a plain edit.
 */
export function changeWhileTraining(path: ConfigPath, raw: unknown): void {
  setConfigValue(path, raw);
  if (!isLiveKey(path) || !isTraining(useRunStore.getState().status)) return;
  const { config, fieldErrors } = useRunStore.getState();
  if (fieldErrors[path]) return;
  send({
    type: 'set-hyperparameters',
    changes: [{ path, value: configValue(config, path) as number | boolean | string }],
  });
}

/** Asks the trainers for the tokens of the strip's protein under the current weights. */
export function requestStripTokens(): void {
  const proteinId = useTokenStrip.getState().proteinId;
  if (isTraining(useRunStore.getState().status))
    send(proteinId ? { type: 'encode-protein', proteinId } : { type: 'encode-protein' });
}

/** While paused: one optimizer step, then paused again. */
export function stepOnce(): void {
  if (useRunStore.getState().status === 'paused' && !useRunStore.getState().fault) send({ type: 'step-once' });
}

/** Downloads the current weights as safetensors, under the studio's parameter names or FoldTree2's. */
export function downloadWeights(naming: WeightNaming = 'studio'): void {
  if (isTraining(useRunStore.getState().status)) send({ type: 'download-weights', naming });
}

/** Fault-handling tests: make trainer `rank` fail at optimizer step `atStep`, or end its worker now. */
export function injectTrainerFault(rank: number, fault: InjectedFault | 'kill', atStep = 0): void {
  if (fault === 'kill') session.connection?.killTrainer?.(rank);
  else send({ type: 'inject-fault', rank, fault, atStep });
}

export function stopRun(): void {
  if (isActive(useRunStore.getState().status)) send({ type: 'stop' });
}

/** Asks the coordinator for a checkpoint; it downloads as `<runName>-step<step>.ftsckpt` when it arrives. */
export function saveCheckpoint(): void {
  const { status, checkpointPending } = useRunStore.getState();
  // The trainers keep the weights only while the run goes on: after stop/finish there is nothing to save.
  if (checkpointPending || !isTraining(status)) return;
  if (send({ type: 'save-checkpoint' })) useRunStore.setState({ checkpointPending: true });
}

/** Downloads the checkpoint the coordinator saved when the run finished. */
export function downloadFinalCheckpoint(): void {
  const final = session.finalCheckpoint;
  if (final) session.saveFile(final.bytes.slice(0), final.fileName, 'application/octet-stream');
}

/** How many trainer workers a run with `config` gets in this browser, and why (0 = auto is resolved here). */
export function plannedTrainers(config: RunConfig): { count: number; reason: string } {
  return trainersFor(config, browserFacts());
}

/** Closes the worker, forgets the run, its metrics and the edits (tests; also leaving the page). */
export function resetRunStore(): void {
  closeConnection();
  useRunStore.setState(initialRunState(), true);
  resetMetrics();
}
