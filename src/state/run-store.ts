/**
 * The training run: its state as the trainer reports it, the `RunInfo`, the `RunConfig` being edited, log lines and
 * the last error. Actions are the exported functions; the trainer connection lives beside the store (it is not
 * data) and is replaced for each run. Metrics go to the metrics store.
 */
import { create } from 'zustand';
import { browserFacts, connectTrainer, trainersFor, type TrainerConnection, type TrainerConnector } from '../client/trainer-client';
import { ConfigError } from '../config/config-messages';
import { exportConfig, type ExportFormat } from '../config/export-config';
import { importConfig } from '../config/import-config';
import type { RunConfig } from '../protocol/run-config';
import type { InitialWeights, InjectedFault, RunInfo, TrainerCommand, TrainerEvent, TrainerFault, TrainerRunState, TrainingDataset, WeightNaming } from '../protocol/trainer-messages';
import { assertNever } from '../shared/assert-never';
import { modelShapeProblem } from './model-shape';
import { browserRunConfig, configValue, withConfigValue, type ConfigPath } from './config-edit';
import { isLiveKey } from '../config/live-changes';
import { addRunEvent, resetRunEvents } from './run-events';
import { setStripTokens, useTokenStrip } from './token-strip-store';
import { safeFileName, saveWithObjectUrl, type FileSaver } from './download-file';
import { appendMetrics, resetMetrics } from './metrics-store';
import { recordCheckpoint, recordEvent, recordMetrics, recordRunInfo, recordRunStart, recordRunState, setRunsWarningSink } from './runs-store';

export type { ExportFormat } from '../config/export-config';

/** `idle`: no run yet on this page. */
export type RunStatus = 'idle' | TrainerRunState;

export interface LogLine {
  /** `Date.now()` when the page received it. */
  readonly time: number;
  readonly level: 'info' | 'warning' | 'error';
  readonly message: string;
}

export interface ConfigNote {
  readonly severity: 'info' | 'warning';
  readonly message: string;
}

export interface RunStoreState {
  readonly status: RunStatus;
  /** What came with the latest state change, if anything. */
  readonly statusMessage: string | null;
  readonly info: RunInfo | null;
  /** The config the next run starts with (and, during a run, the one it started with). */
  readonly config: RunConfig;
  /** Keys whose last edit was refused, with what they accept; the config keeps the previous value. */
  readonly fieldErrors: Readonly<Partial<Record<ConfigPath, string>>>;
  /** Bumped when the whole config is replaced (import, reset), so editors drop what was being typed. */
  readonly configRevision: number;
  /** Warnings of the last config import. */
  readonly configNotes: readonly ConfigNote[];
  /** Why the last config import was refused (the config did not change). */
  readonly configError: string | null;
  readonly logs: readonly LogLine[];
  /** The run's failure, or a command that could not be carried out. */
  readonly error: string | null;
  readonly checkpointPending: boolean;
  /** `final`: the finished run's own checkpoint, downloaded only on request (`downloadFinalCheckpoint`). */
  readonly lastCheckpoint: { readonly fileName: string; readonly step: number; readonly bytes: number; readonly final?: boolean } | null;
  /** A trainer failed and the run is paused; null otherwise. */
  readonly fault: TrainerFault | null;
}

/** Log lines kept; older ones are dropped. */
export const MAX_LOG_LINES = 500;

const ACTIVE: readonly RunStatus[] = ['starting', 'running', 'paused'];

export function isActive(status: RunStatus): boolean {
  return ACTIVE.includes(status);
}

/** The run has ended: stopped, finished or failed. */
export function isTerminal(status: RunStatus): boolean {
  return status === 'stopped' || status === 'finished' || status === 'failed';
}

function initialState(): RunStoreState {
  return {
    status: 'idle',
    statusMessage: null,
    info: null,
    config: browserRunConfig(),
    fieldErrors: {},
    configRevision: 0,
    configNotes: [],
    configError: null,
    logs: [],
    error: null,
    checkpointPending: false,
    lastCheckpoint: null,
    fault: null,
  };
}

export const useRunStore = create<RunStoreState>()(initialState);

let connector: TrainerConnector = connectTrainer;
let saveFile: FileSaver = saveWithObjectUrl;
let connection: TrainerConnection | null = null;
/** The finished run's checkpoint bytes (kept out of the store, which holds plain data). */
let finalCheckpoint: { bytes: ArrayBuffer; fileName: string } | null = null;
/** Bumped for every run: events of an older run's worker are dropped. */
let runTicket = 0;

/** Tests hand in a fake trainer and file saver; `null` restores the real ones. */
export function setRunDependencies(deps: { connector?: TrainerConnector | null; saveFile?: FileSaver | null }): void {
  if (deps.connector !== undefined) connector = deps.connector ?? connectTrainer;
  if (deps.saveFile !== undefined) saveFile = deps.saveFile ?? saveWithObjectUrl;
}

function log(level: LogLine['level'], message: string): void {
  useRunStore.setState((state) => ({ logs: [...state.logs.slice(-(MAX_LOG_LINES - 1)), { time: Date.now(), level, message }] }));
}

// The runs list stores every run; a write it could not make is a warning in the log, never the run's failure.
setRunsWarningSink((message) => log('warning', message));

function fail(message: string): void {
  useRunStore.setState({ status: 'failed', statusMessage: message, error: message, checkpointPending: false });
  log('error', message);
  recordRunState('failed');
}

function checkpointFileName(step: number): string {
  const { info, config } = useRunStore.getState();
  return `${safeFileName(info?.runName ?? config.logging.runName ?? 'run')}-step${step}.ftsckpt`;
}

function receive(event: TrainerEvent): void {
  switch (event.type) {
    case 'state': {
      // A run that ended can no longer hand over weights: the encoder waiting for them hears so.
      if (event.state !== 'running' && event.state !== 'paused' && event.state !== 'starting') handOverWeightsFailed();
      const message = event.message ?? null;
      if (isTerminal(useRunStore.getState().status)) {
        // The run already ended (e.g. the user stopped it mid-step and the step then failed): keep the ending the
        // user saw, and log what came after.
        log('warning', `After the run ended the trainer reported "${event.state}"${message ? `: ${message}` : ''}`);
        return;
      }
      if (event.state === 'failed') {
        fail(message ?? 'Training failed (the trainer gave no reason)');
        return;
      }
      useRunStore.setState({ status: event.state, statusMessage: message, ...(event.state === 'running' ? { fault: null } : {}) });
      recordRunState(event.state);
      if (message && !useRunStore.getState().fault) log('info', message);
      return;
    }
    case 'tokens':
      setStripTokens(event.step, event.tokens);
      return;
    case 'weights': {
      if (event.purpose === 'encode') return handOverWeights(event.step, event.bytes, event.fileName);
      const fileName = `${safeFileName(useRunStore.getState().info?.runName ?? 'run')}-${event.fileName}`;
      saveFile(event.bytes, fileName, 'application/octet-stream');
      log('info', `Weights at step ${event.step} saved as ${fileName}`);
      return;
    }
    case 'hyperparameters-changed': {
      const label = event.changes.map((c) => `${c.path} → ${String(c.value)}`).join(', ');
      addRunEvent({ step: event.step, kind: 'change', label, time: Date.now() });
      log('info', `From step ${event.step}: ${label}`);
      return;
    }
    case 'fault':
      useRunStore.setState({ fault: event.fault });
      log('error', event.fault.message);
      recordEvent({ step: event.fault.step, kind: 'fault', label: event.fault.message, time: Date.now() });
      return;
    case 'info':
      useRunStore.setState({ info: event.info });
      recordRunInfo(event.info);
      return;
    case 'metrics':
      appendMetrics(event.points);
      recordMetrics(event.points);
      return;
    case 'log':
      log(event.level, event.message);
      return;
    case 'checkpoint': {
      const fileName = checkpointFileName(event.step);
      if (event.final) {
        finalCheckpoint = { bytes: event.bytes, fileName };
        recordCheckpoint(event.step, fileName, event.bytes, true);
        useRunStore.setState({ lastCheckpoint: { fileName, step: event.step, bytes: event.bytes.byteLength, final: true } });
        log('info', `Final checkpoint at step ${event.step} ready to download (${(event.bytes.byteLength / 1024).toFixed(1)} KiB)`);
        return;
      }
      saveFile(event.bytes, fileName, 'application/octet-stream');
      recordCheckpoint(event.step, fileName, event.bytes);
      useRunStore.setState({ checkpointPending: false, lastCheckpoint: { fileName, step: event.step, bytes: event.bytes.byteLength } });
      log('info', `Checkpoint at step ${event.step} saved as ${fileName} (${(event.bytes.byteLength / 1024).toFixed(1)} KiB)`);
      return;
    }
    default:
      assertNever(event, 'trainer event');
  }
}

function send(command: TrainerCommand): boolean {
  if (!connection) return false;
  try {
    connection.send(command);
    return true;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
    return false;
  }
}

/** What a run starts from besides its config: a checkpoint to resume, or a weights file for a fresh run. */
export type RunOrigin = { readonly checkpoint: ArrayBuffer } | { readonly weights: InitialWeights };

/**
 * Starts a new run on `dataset` with the edited config (its `data.dataset` set to `datasetName`); with a
 * `checkpoint` origin it continues the saved run (the checkpoint's own config is used), with `weights` a fresh run
 * starts from the file's weights. The previous run's worker is closed and its metrics cleared. Does nothing while a
 * run is active or a field is invalid.
 */

export function startRun(dataset: TrainingDataset, datasetName: string = dataset.kind === 'file' ? dataset.file.name : dataset.name, origin?: RunOrigin): void {
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
  connection?.dispose();
  connection = null;
  finalCheckpoint = null;
  resetMetrics();
  resetRunEvents();
  const ticket = ++runTicket;
  useRunStore.setState({ status: 'starting', statusMessage: null, info: null, config, error: null, checkpointPending: false, lastCheckpoint: null, logs: [], fault: null });
  recordRunStart(config, datasetName);
  log('info', `Starting: ${config.model.preset} model, batch ${config.training.batchSize} × ${config.training.gradientAccumulationSteps} accumulation, ${config.training.epochs} epochs on ${datasetName}`);
  try {
    connection = connector({
      event: (event) => {
        if (ticket === runTicket) receive(event);
      },
      failure: (message) => {
        if (ticket !== runTicket) return;
        connection = null;
        fail(message);
      },
    });
  } catch (error) {
    fail(`The trainer worker could not start: ${error instanceof Error ? error.message : String(error)}`);
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
  const { status } = useRunStore.getState();
  if (!isLiveKey(path) || (status !== 'running' && status !== 'paused')) return setConfigValue(path, raw);
  setConfigValue(path, raw);
  const { config, fieldErrors } = useRunStore.getState();
  if (fieldErrors[path]) return;
  send({ type: 'set-hyperparameters', changes: [{ path, value: configValue(config, path) as number | boolean | string }] });
}

/** Asks the trainers for the tokens of the strip's protein under the current weights. */
export function requestStripTokens(): void {
  const { status } = useRunStore.getState();
  const proteinId = useTokenStrip.getState().proteinId;
  if (status === 'running' || status === 'paused') send(proteinId ? { type: 'encode-protein', proteinId } : { type: 'encode-protein' });
}

/** A request for the current weights the dataset encoder is waiting on. */
let weightsWaiter: ((weights: CurrentWeights | null) => void) | null = null;

export interface CurrentWeights {
  readonly step: number;
  readonly bytes: ArrayBuffer;
  readonly fileName: string;
}

function handOverWeights(step: number, bytes: ArrayBuffer, fileName: string): void {
  const waiter = weightsWaiter;
  weightsWaiter = null;
  waiter?.({ step, bytes, fileName: `${safeFileName(useRunStore.getState().info?.runName ?? 'run')}-${fileName}` });
}

/**
 * The run's current weights (studio safetensors) without a download, for the dataset encoder; null when there is no
 * run to take them from. An earlier request still waiting is answered with null.
 */
export function requestCurrentWeights(): Promise<CurrentWeights | null> {
  const { status } = useRunStore.getState();
  weightsWaiter?.(null);
  weightsWaiter = null;
  if (status !== 'running' && status !== 'paused') return Promise.resolve(null);
  return new Promise((resolve) => {
    weightsWaiter = resolve;
    if (!send({ type: 'download-weights', naming: 'studio', purpose: 'encode' })) handOverWeightsFailed();
  });
}

function handOverWeightsFailed(): void {
  const waiter = weightsWaiter;
  weightsWaiter = null;
  waiter?.(null);
}

/** While paused: one optimizer step, then paused again. */
export function stepOnce(): void {
  if (useRunStore.getState().status === 'paused' && !useRunStore.getState().fault) send({ type: 'step-once' });
}

/** Downloads the current weights as safetensors, under the studio's parameter names or FoldTree2's. */
export function downloadWeights(naming: WeightNaming = 'studio'): void {
  const { status } = useRunStore.getState();
  if (status === 'running' || status === 'paused') send({ type: 'download-weights', naming });
}

/** Fault-handling tests: make trainer `rank` fail at optimizer step `atStep`, or end its worker now. */
export function injectTrainerFault(rank: number, fault: InjectedFault | 'kill', atStep = 0): void {
  if (fault === 'kill') connection?.killTrainer?.(rank);
  else send({ type: 'inject-fault', rank, fault, atStep });
}

export function stopRun(): void {
  if (isActive(useRunStore.getState().status)) send({ type: 'stop' });
}

/** Asks the trainer for a checkpoint; it downloads as `<runName>-step<step>.ftsckpt` when it arrives. */
export function saveCheckpoint(): void {
  const { status, checkpointPending } = useRunStore.getState();
  // The trainer keeps the weights only while the run goes on: after stop/finish there is nothing to save.
  if (checkpointPending || (status !== 'running' && status !== 'paused')) return;
  if (send({ type: 'save-checkpoint' })) useRunStore.setState({ checkpointPending: true });
}

/** Sets one key of the edited config; a refused value is kept out of the config and reported per field. */
export function setConfigValue(path: ConfigPath, raw: unknown): void {
  useRunStore.setState((state) => {
    const edit = withConfigValue(state.config, path, raw);
    const fieldErrors = { ...state.fieldErrors };
    if (!edit.ok) {
      fieldErrors[path] = edit.message;
      return { fieldErrors };
    }
    delete fieldErrors[path];
    return { config: edit.config, fieldErrors };
  });
}

/** Back to the studio's browser-friendly defaults. */
export function resetConfig(): void {
  useRunStore.setState((state) => ({ config: browserRunConfig(), fieldErrors: {}, configNotes: [], configError: null, configRevision: state.configRevision + 1 }));
}

/**
 * Replaces the edited config with a YAML/JSON file's (studio or FoldTree2 keys). Its warnings are shown; a file
 * with invalid values is refused whole, the message names every bad key, and the config stays as it was.
 */
export function importConfigText(text: string, fileName: string): boolean {
  try {
    const imported = importConfig(text, fileName);
    const problem = modelShapeProblem(imported.config);
    if (problem !== null) throw new Error(`${fileName}: ${problem}`);
    useRunStore.setState((state) => ({
      config: imported.config,
      configRevision: state.configRevision + 1,
      fieldErrors: {},
      configError: null,
      configNotes: imported.warnings.map((warning) => ({ severity: warning.severity, message: warning.message })),
    }));
    return true;
  } catch (error) {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    useRunStore.setState({ configError: message, configNotes: [] });
    return false;
  }
}

/** The edited config as text: the studio's YAML or JSON (every key) or FoldTree2's learn_lightning YAML. */
export function exportConfigText(format: ExportFormat): string {
  return exportConfig(useRunStore.getState().config, format);
}

const EXPORT_FILES: Readonly<Record<ExportFormat, { readonly suffix: string; readonly mime: string }>> = {
  yaml: { suffix: '.yaml', mime: 'application/yaml' },
  json: { suffix: '.json', mime: 'application/json' },
  'foldtree2-yaml': { suffix: '-foldtree2.yaml', mime: 'application/yaml' },
};

/** Downloads `exportConfigText(format)` as `<runName or foldtree-studio-config><suffix>`. */
export function downloadConfig(format: ExportFormat): void {
  const { config, info } = useRunStore.getState();
  const base = safeFileName(info?.runName ?? config.logging.runName ?? 'foldtree-studio-config');
  saveFile(exportConfigText(format), `${base}${EXPORT_FILES[format].suffix}`, EXPORT_FILES[format].mime);
}

export function dismissConfigMessages(): void {
  useRunStore.setState({ configNotes: [], configError: null });
}

/** Closes the worker, forgets the run, its metrics and the edits (tests; also leaving the page). */
export function resetRunStore(): void {
  connection?.dispose();
  connection = null;
  runTicket++;
  useRunStore.setState(initialState(), true);
  resetMetrics();
}

/** How many trainer workers a run with `config` gets in this browser, and why (0 = auto is resolved here). */
export function plannedTrainers(config: RunConfig): { count: number; reason: string } {
  return trainersFor(config, browserFacts());
}

/** Downloads the checkpoint the coordinator saved when the run finished. */
export function downloadFinalCheckpoint(): void {
  if (finalCheckpoint) saveFile(finalCheckpoint.bytes.slice(0), finalCheckpoint.fileName, 'application/octet-stream');
}

export { isLiveKey } from '../config/live-changes';
