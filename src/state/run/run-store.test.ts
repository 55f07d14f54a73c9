import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importConfig } from '../../config/import-config';
import type { RunInfo, TrainingDataset } from '../../protocol/coordinator-messages';
import { fakePoints, FakeTrainer } from '../fake-metric-points.node';
import { useMetricsStore } from '../charts/metrics-store';
import { downloadWeights, pauseRun, resetRunStore, resumeRun, saveCheckpoint, startRun, stopRun } from './run-commands';
import { exportConfigText, importConfigText, setConfigValue } from './config-actions';
import { setRunDependencies } from './run-session';
import { useRunStore } from './run-store';

const SAMPLE: TrainingDataset = {
  kind: 'sample',
  url: 'http://127.0.0.1/sample/sample-structs.h5',
  name: 'sample-structs.h5',
};
const INFO: RunInfo = {
  runName: 'tiny 2025/01/01 12:00',
  backend: 'webgpu',
  precision: 'f32 (no shader-f16)',
  parameters: 12_345,
  groups: { muon: 10_000, adamw: 2_345 },
  proteins: 12,
  skippedProteins: 0,
  stepsPerEpoch: 6,
  totalSteps: 300,
  inputWidth: 20,
  trainers: 1,
  strategy: 'single',
  exchange: 'none',
  effectiveBatch: 4,
};

let trainer: FakeTrainer;
let saved: Array<{ data: ArrayBuffer | string; fileName: string; mimeType: string }>;

beforeEach(() => {
  resetRunStore();
  trainer = new FakeTrainer();
  saved = [];
  setRunDependencies({
    connector: trainer.connect,
    saveFile: (data, fileName, mimeType) => void saved.push({ data, fileName, mimeType }),
  });
});

afterEach(() => {
  resetRunStore();
  setRunDependencies({ connector: null, saveFile: null });
});

describe('a run', () => {
  it('starts with the edited config, named after the dataset, and clears the previous metrics', () => {
    useMetricsStore.setState({ received: 99 });
    setConfigValue('model.preset', 'tiny');
    setConfigValue('training.batchSize', '2');
    startRun(SAMPLE, 'sample/sample-structs.h5');
    expect(useRunStore.getState().status).toBe('starting');
    expect(useMetricsStore.getState().received).toBe(0);
    const [command] = trainer.commands;
    expect(command?.type).toBe('start');
    if (command?.type !== 'start') return;
    expect(command.dataset).toEqual(SAMPLE);
    expect(command.config.model.preset).toBe('tiny');
    expect(command.config.training.batchSize).toBe(2);
    expect(command.config.data.dataset).toBe('sample/sample-structs.h5');
  });

  it('resumes from a checkpoint file by handing its bytes to the worker with the start command', () => {
    const bytes = new Uint8Array([70, 84, 83]).buffer;
    startRun(SAMPLE, 'sample-structs.h5', { checkpoint: bytes });
    const [command] = trainer.commands;
    expect(command?.type === 'start' && command.checkpoint).toBe(bytes);
  });

  it('starts a fresh run from a weights file, and asks for weights under either naming', () => {
    const bytes = new Uint8Array([1, 2, 3]).buffer;
    startRun(SAMPLE, 'sample-structs.h5', { weights: { name: 'w.safetensors', bytes } });
    const [command] = trainer.commands;
    expect(command?.type === 'start' && command.weights).toEqual({ name: 'w.safetensors', bytes });
    expect(command?.type === 'start' && command.checkpoint).toBeUndefined();
    trainer.emit({ type: 'state', state: 'running' });
    downloadWeights('foldtree2');
    downloadWeights();
    expect(trainer.commands.slice(1)).toEqual([
      { type: 'download-weights', naming: 'foldtree2' },
      { type: 'download-weights', naming: 'studio' },
    ]);
  });

  it('follows the worker through running, paused and stopped, sending each command only where it applies', () => {
    startRun(SAMPLE);
    pauseRun(); // still starting: nothing to pause
    expect(trainer.commandTypes()).toEqual(['start']);
    trainer.emit({ type: 'info', info: INFO });
    trainer.emit({ type: 'state', state: 'running' });
    resumeRun(); // not paused: ignored
    pauseRun();
    trainer.emit({ type: 'state', state: 'paused', message: 'Paused after step 7' });
    expect(useRunStore.getState()).toMatchObject({
      status: 'paused',
      statusMessage: 'Paused after step 7',
      info: INFO,
    });
    resumeRun();
    trainer.emit({ type: 'state', state: 'running' });
    stopRun();
    trainer.emit({ type: 'state', state: 'stopped' });
    stopRun(); // already stopped
    expect(trainer.commandTypes()).toEqual(['start', 'pause', 'resume', 'stop']);
    expect(useRunStore.getState().status).toBe('stopped');
    expect(useRunStore.getState().logs.map((line) => line.message)).toContain('Paused after step 7');
  });

  it('passes metric batches to the metrics store and log lines to the log', () => {
    startRun(SAMPLE);
    trainer.emit({ type: 'metrics', points: fakePoints(1, 4) });
    trainer.emit({ type: 'metrics', points: fakePoints(5, 3) });
    trainer.emit({ type: 'log', level: 'warning', message: 'step 3 skipped: non-finite gradients' });
    expect(useMetricsStore.getState().received).toBe(7);
    expect(useMetricsStore.getState().latest?.step).toBe(7);
    expect(useRunStore.getState().logs.at(-1)).toMatchObject({
      level: 'warning',
      message: 'step 3 skipped: non-finite gradients',
    });
  });

  it('a dying worker fails the run with a clear message and keeps the metrics received', () => {
    startRun(SAMPLE);
    trainer.emit({ type: 'state', state: 'running' });
    trainer.emit({ type: 'metrics', points: fakePoints(1, 5) });
    trainer.crash('The coordinator worker stopped: out of memory');
    const state = useRunStore.getState();
    expect(state.status).toBe('failed');
    expect(state.error).toBe('The coordinator worker stopped: out of memory');
    expect(state.logs.at(-1)).toMatchObject({
      level: 'error',
      message: 'The coordinator worker stopped: out of memory',
    });
    expect(useMetricsStore.getState().points.length).toBe(5);
  });

  it('keeps the ending the user saw: a state reported after stop is logged, not applied', () => {
    startRun(SAMPLE);
    trainer.emit({ type: 'state', state: 'running' });
    stopRun();
    trainer.emit({ type: 'state', state: 'stopped' });
    trainer.emit({ type: 'state', state: 'failed', message: 'Tensor is disposed' });
    expect(useRunStore.getState()).toMatchObject({ status: 'stopped', error: null });
    expect(useRunStore.getState().logs.at(-1)).toMatchObject({
      level: 'warning',
      message: 'After the run ended the coordinator reported "failed": Tensor is disposed',
    });
  });

  it('a failed state from the worker carries its message as the error', () => {
    startRun(SAMPLE);
    trainer.emit({ type: 'state', state: 'failed', message: 'WebGPU device lost' });
    expect(useRunStore.getState()).toMatchObject({ status: 'failed', error: 'WebGPU device lost' });
  });

  it('a new run closes the old worker and ignores its late events', () => {
    startRun(SAMPLE);
    const first = trainer.listener;
    trainer.emit({ type: 'state', state: 'stopped' });
    startRun(SAMPLE);
    expect(trainer.disposed).toBe(1);
    expect(trainer.connections).toBe(2);
    first?.event({ type: 'metrics', points: fakePoints(1, 3) });
    first?.failure('The coordinator worker stopped: late');
    expect(useMetricsStore.getState().received).toBe(0);
    expect(useRunStore.getState().status).toBe('starting');
  });

  it('does not start while a run is active or a field holds a refused value', () => {
    startRun(SAMPLE);
    startRun(SAMPLE);
    expect(trainer.connections).toBe(1);
    trainer.emit({ type: 'state', state: 'finished' });
    setConfigValue('training.batchSize', 0);
    startRun(SAMPLE);
    expect(trainer.connections).toBe(1);
    expect(useRunStore.getState().fieldErrors).toEqual({ 'training.batchSize': 'expected an integer in [1, 4096]' });
    expect(useRunStore.getState().config.training.batchSize).toBe(4);
    setConfigValue('training.batchSize', 3);
    expect(useRunStore.getState().fieldErrors).toEqual({});
    startRun(SAMPLE);
    expect(trainer.connections).toBe(2);
  });
});

describe('checkpoints', () => {
  it('asks the worker, then downloads the bytes as <runName>-step<step>.ftsckpt', () => {
    startRun(SAMPLE);
    saveCheckpoint(); // still starting: no weights yet
    trainer.emit({ type: 'info', info: INFO });
    trainer.emit({ type: 'state', state: 'running' });
    saveCheckpoint();
    saveCheckpoint(); // one at a time
    expect(trainer.commandTypes()).toEqual(['start', 'save-checkpoint']);
    expect(useRunStore.getState().checkpointPending).toBe(true);
    const bytes = new ArrayBuffer(2048);
    trainer.emit({ type: 'checkpoint', step: 42, bytes, fileName: 'ignored.ftsckpt' });
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      fileName: 'tiny-2025-01-01-12-00-step42.ftsckpt',
      mimeType: 'application/octet-stream',
    });
    expect(saved[0]?.data).toBe(bytes);
    expect(useRunStore.getState()).toMatchObject({
      checkpointPending: false,
      lastCheckpoint: { step: 42, bytes: 2048 },
    });
    trainer.emit({ type: 'state', state: 'stopped' });
    saveCheckpoint(); // the trainer has let go of the weights
    expect(trainer.commandTypes()).toEqual(['start', 'save-checkpoint']);
  });
});

describe('config import and export', () => {
  it('an import replaces the config and shows its warnings', () => {
    const ok = importConfigText('batch_size: 8\nuse_muon: true\nbatch_sise: 3\n', 'ft2.yaml');
    const state = useRunStore.getState();
    expect(ok).toBe(true);
    expect(state.config.training.batchSize).toBe(8);
    expect(state.config.optimizer.useMuon).toBe(true);
    expect(state.configError).toBeNull();
    expect(
      state.configNotes.some(
        (note) => note.severity === 'warning' && /Unknown key "batch_sise".*batch_size/.test(note.message),
      ),
    ).toBe(true);
  });

  it('an import with invalid values keeps the old config and shows every bad key', () => {
    setConfigValue('training.epochs', 7);
    const ok = importConfigText('{"training": {"batchSize": 0, "epochs": -1}}', 'bad.json');
    const state = useRunStore.getState();
    expect(ok).toBe(false);
    expect(state.config.training.epochs).toBe(7);
    expect(state.config.training.batchSize).toBe(4);
    expect(state.configError).toMatch(/bad\.json: 2 invalid values/);
    expect(state.configError).toMatch(/training\.batchSize: got 0/);
    expect(state.configError).toMatch(/training\.epochs: got -1/);
  });

  it('a file that is not YAML at all is refused with a message', () => {
    expect(importConfigText('a: [1, 2\n', 'broken.yaml')).toBe(false);
    expect(useRunStore.getState().configError).toMatch(/broken\.yaml/);
  });

  it('exports the edited config as YAML and JSON that import back to the same config', () => {
    setConfigValue('model.preset', 'tiny');
    setConfigValue('optimizer.adamwLr', 0.001);
    const config = useRunStore.getState().config;
    expect(importConfig(exportConfigText('yaml'), 'x.yaml').config).toEqual(config);
    expect(importConfig(exportConfigText('json'), 'x.json').config).toEqual(config);
    expect(exportConfigText('foldtree2-yaml')).toMatch(/adamw_lr: 0\.001/);
  });
});

describe('a config no model can be built from', () => {
  it('is refused at import naming the keys, and a start with such settings does not reach the trainers', () => {
    expect(importConfigText('hidden_size: 32\nnum_embeddings: 40\n', 'ft2.yaml')).toBe(false);
    expect(useRunStore.getState().configError).toBe(
      "ft2.yaml: model: the sequence decoder's width 32 is not divisible by its 5 attention heads (set model.hiddenSize or model.decoderHeads)",
    );
    setConfigValue('model.preset', 'foldtree2');
    setConfigValue('model.hiddenSize', 32);
    startRun(SAMPLE);
    expect(useRunStore.getState().status).not.toBe('starting');
    expect(useRunStore.getState().configError).toMatch(/not divisible by its 5 attention heads/);
  });
});
