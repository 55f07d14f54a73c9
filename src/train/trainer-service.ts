/**
 * The trainer worker's logic, free of the worker global: open the dataset, pick the backend and precision, run
 * optimizer steps until paused, stopped or finished, and stream metric points in batches (at most every
 * `flushMs`), so the page never blocks training and training never floods the page.
 */
import * as tf from '@tensorflow/tfjs';
import type { H5Wasm } from '../data/hdf5/h5-types';
import { closeStructsFile, openStructsFile } from '../data/hdf5/open-file';
import { readIndex } from '../data/hdf5/read-index';
import { parameterCount } from '../model/params/parameter-spec';
import type { MetricPoint } from '../protocol/metric-point';
import type { TrainerCommand, TrainerEvent, TrainingDataset } from '../protocol/trainer-messages';
import { decidePrecision } from './precision/precision-mode';
import { hdf5Source } from './protein-source';
import { restoreTrainer, saveCheckpoint } from './trainer-checkpoint';
import { Trainer } from './trainer';

export interface TrainerPlatform {
  readonly h5: H5Wasm;
  /** Puts the dataset into h5wasm's file system; `release` undoes it. */
  openDataset(dataset: TrainingDataset): Promise<{ path: string; name: string; release(): void }>;
  /** Chooses and initialises the tfjs backend (f16 matMuls if asked for and possible); its name, the adapter's features. */
  prepareBackend(mixedPrecision: boolean): Promise<{ backend: string; features: readonly string[] }>;
  post(event: TrainerEvent, transfer?: Transferable[]): void;
  /** Keeps a copy of a checkpoint in the browser's storage (OPFS); returns where, or null where there is none. */
  storeCheckpoint?(fileName: string, bytes: ArrayBuffer): Promise<string | null>;
  /** Lets queued messages (pause, stop) run between steps. */
  yieldToEvents(): Promise<void>;
  now(): number;
}

export function createTrainerService(platform: TrainerPlatform, flushMs = 250) {
  let trainer: Trainer | null = null;
  let release: (() => void) | null = null;
  let state: 'idle' | 'running' | 'paused' | 'stopped' = 'idle';
  /** A step loop is in flight: pause/stop take effect when its current step ends, and resume reuses it. */
  let looping = false;
  let stopRequested = false;
  let pending: MetricPoint[] = [];
  let lastFlush = 0;

  const flush = (force = false) => {
    if (pending.length === 0 || (!force && platform.now() - lastFlush < flushMs)) return;
    platform.post({ type: 'metrics', points: pending });
    pending = [];
    lastFlush = platform.now();
  };

  const finish = (final: 'stopped' | 'finished' | 'failed', message?: string) => {
    flush(true);
    trainer?.dispose();
    trainer = null;
    release?.();
    release = null;
    state = 'stopped';
    platform.post(message === undefined ? { type: 'state', state: final } : { type: 'state', state: final, message });
  };

  async function loop(): Promise<void> {
    if (looping) return;
    looping = true;
    try {
      while (state === 'running' && trainer && !stopRequested) {
        const point = await trainer.step();
        if (!point) return finish('finished');
        pending.push(point);
        flush();
        await platform.yieldToEvents();
      }
    } finally {
      looping = false;
    }
    if (stopRequested) finish('stopped');
    else flush(true);
  }

  async function start(command: Extract<TrainerCommand, { type: 'start' }>): Promise<void> {
    if (state === 'running' || state === 'paused') throw new Error('a run is already going: stop it first');
    stopRequested = false;
    platform.post({ type: 'state', state: 'starting' });
    const { backend, features } = await platform.prepareBackend(command.config.precision.mixedPrecision);
    const precision = decidePrecision(features, command.config.precision.mixedPrecision);
    const opened = await platform.openDataset(command.dataset);
    release = opened.release;
    const handle = await openStructsFile(platform.h5, opened.path, opened.name);
    const previousRelease = release;
    release = () => {
      closeStructsFile(handle);
      previousRelease();
    };
    const index = readIndex(handle);
    const source = hdf5Source(handle, index);
    const options = { rank: 0, worldSize: 1, lossScaling: precision.lossScaling };
    trainer = command.checkpoint ? restoreTrainer(command.checkpoint, source, options, 'checkpoint') : new Trainer(command.config, source, options);
    const groups = trainer.parts.optimizer.groups;
    const sizeOf = (names: readonly string[]) => parameterCount(trainer?.parts.params.specs.filter((s) => names.includes(s.name)) ?? []);
    const runName = command.config.logging.runName ?? `${command.config.model.preset}-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}`;
    platform.post({
      type: 'info',
      info: {
        runName,
        backend,
        precision: precision.label,
        parameters: parameterCount(trainer.parts.params.specs),
        groups: Object.fromEntries(
          Object.entries({ muon: sizeOf(groups.muon.names), adamw: sizeOf(groups.adamw.names), none: sizeOf(groups.none.map((n) => n.name)) }).filter(([, count]) => count > 0),
        ),
        proteins: index.proteins.length,
        skippedProteins: index.skipped.length,
        stepsPerEpoch: trainer.stepsPerEpoch,
        totalSteps: trainer.totalSteps,
        inputWidth: source.inputWidth,
      },
    });
    for (const item of index.skipped) platform.post({ type: 'log', level: 'warning', message: `${item.source}: ${item.reason}` });
    if (precision.mode === 'f16-mixed') platform.post({ type: 'log', level: 'info', message: 'precision: f16-mixed (matMul operands in half precision, f32 accumulation, dynamic loss scaling)' });
    else if (precision.label !== 'f32') platform.post({ type: 'log', level: 'info', message: `precision: ${precision.label}` });
    state = 'running';
    platform.post({ type: 'state', state: 'running' });
    await loop();
  }

  return {
    async handle(command: TrainerCommand): Promise<void> {
      try {
        switch (command.type) {
          case 'start':
            return await start(command);
          case 'pause':
            if (state === 'running') {
              state = 'paused';
              platform.post({ type: 'state', state: 'paused' });
            }
            return;
          case 'resume':
            if (state === 'paused') {
              state = 'running';
              platform.post({ type: 'state', state: 'running' });
              await loop();
            }
            return;
          case 'stop':
            // A step in flight finishes first (its update is kept); then the loop ends the run.
            if (looping) stopRequested = true;
            else if (trainer) finish('stopped');
            return;
          case 'save-checkpoint': {
            if (!trainer) throw new Error('no run to save');
            const step = trainer.state.optimizerStep;
            const bytes = await saveCheckpoint(trainer);
            const fileName = `step${step}.ftsckpt`;
            const stored = await platform.storeCheckpoint?.(fileName, bytes).catch(() => null);
            if (stored) platform.post({ type: 'log', level: 'info', message: `checkpoint kept in browser storage as ${stored}` });
            platform.post({ type: 'checkpoint', step, bytes, fileName }, [bytes]);
            return;
          }
        }
      } catch (error) {
        // The metrics already streamed stay on the page; the message says what failed.
        finish('failed', error instanceof Error ? error.message : String(error));
      }
    },
    backendName: () => tf.getBackend(),
  };
}
