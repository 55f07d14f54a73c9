/**
 * Saving and resuming a trainer exactly: weights, optimizer moments (PyTorch state names), EMA codebook state,
 * LR-scheduler and loss-scaler state, every counter and the resolved config, in one byte buffer
 * (checkpoint-codec.ts). Random streams need no saved state: each is keyed by (seed, epoch/step, …), so the
 * counters restore them. Resuming continues the run bit-identically on the CPU backend.
 */
import * as tf from '@tensorflow/tfjs';
import { assertRunConfig } from '../../config/check-run-config';
import { emaStateFromArrays, emaStateToArrays, type NamedArray } from '../../model/quantizer/ema-update';
import { isRecord } from '../../shared/assert-never';
import { decodeCheckpoint, encodeCheckpoint } from '../../formats/checkpoint-codec';
import type { OptimizerState } from '../optimizers/optimizer';
import type { LossScalerState } from '../precision/loss-scaler';
import type { ProteinSource } from './protein-source';
import type { LrSchedulerState } from '../schedules/lr-scheduler';
import type { RunConfig } from '../../protocol/run-config';
import { Trainer, type TrainerCounters, type TrainerOptions } from './trainer';
import { buildTrainerParts, type TrainerParts } from './trainer-parts';

export const CHECKPOINT_FORMAT = 'foldtree-studio-checkpoint';
export const CHECKPOINT_VERSION = 1;

interface CheckpointContents {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly version: number;
  readonly savedAt: string;
  readonly config: unknown;
  readonly dataset: string;
  readonly inputWidth: number;
  readonly counters: TrainerCounters;
  readonly weights: Record<string, NamedArray>;
  readonly optimizer: OptimizerState;
  readonly ema: Record<string, NamedArray> | null;
  readonly scheduler: LrSchedulerState;
  readonly scaler: LossScalerState;
}

export async function saveCheckpoint(trainer: Trainer): Promise<ArrayBuffer> {
  const weights: Record<string, NamedArray> = {};
  for (const spec of trainer.parts.params.specs) {
    weights[spec.name] = {
      shape: spec.shape,
      data: Float32Array.from(await trainer.parts.params.get(spec.name).data()),
    };
  }
  const contents: CheckpointContents = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    savedAt: new Date().toISOString(),
    config: trainer.config,
    dataset: trainer.source.name,
    inputWidth: trainer.source.inputWidth,
    counters: trainer.state,
    weights,
    optimizer: await trainer.parts.optimizer.state(),
    ema: trainer.parts.ema ? emaStateToArrays(trainer.parts.ema) : null,
    scheduler: trainer.parts.scheduler.state(),
    scaler: trainer.parts.scaler.state(),
  };
  return encodeCheckpoint(contents);
}

function readContents(bytes: ArrayBuffer, source: string): CheckpointContents {
  const value = decodeCheckpoint(bytes, source);
  if (!isRecord(value) || value['format'] !== CHECKPOINT_FORMAT)
    throw new Error(`${source}: not a FoldTree Studio checkpoint`);
  if (value['version'] !== CHECKPOINT_VERSION)
    throw new Error(
      `${source}: checkpoint version ${String(value['version'])}, this studio reads version ${CHECKPOINT_VERSION}`,
    );
  return value as unknown as CheckpointContents;
}

/** The run config stored in a checkpoint (to show or edit before resuming). */
export function checkpointConfig(bytes: ArrayBuffer, source: string) {
  const config = readContents(bytes, source).config;
  assertRunConfig(config, source);
  return config;
}

/** A trainer that continues the saved run on `data`; throws naming `source` when they do not fit together. */
export function restoreTrainer(
  bytes: ArrayBuffer,
  data: ProteinSource,
  options: TrainerOptions,
  source: string,
): Trainer {
  const contents = readContents(bytes, source);
  assertRunConfig(contents.config, source);
  if (contents.inputWidth !== data.inputWidth) {
    throw new Error(
      `${source}: the checkpoint's model reads ${contents.inputWidth} input features per residue, but ${data.name} has ${data.inputWidth}`,
    );
  }
  const trainer = new Trainer(contents.config, data, options);
  try {
    loadParts(trainer.parts, contents, source);
    trainer.restoreCounters(contents.counters);
    return trainer;
  } catch (error) {
    trainer.dispose();
    throw error;
  }
}

/** Weights, optimizer, schedule, loss-scale and EMA state of a checkpoint into freshly built parts. */
function loadParts(parts: TrainerParts, contents: CheckpointContents, source: string): void {
  for (const spec of parts.params.specs) {
    const saved = contents.weights[spec.name];
    if (!saved || saved.data.length !== spec.shape.reduce((a, b) => a * b, 1))
      throw new Error(`${source}: parameter ${spec.name} is missing or has the wrong size`);
    tf.tidy(() => parts.params.get(spec.name).assign(tf.tensor(saved.data, [...spec.shape])));
  }
  parts.optimizer.load(contents.optimizer);
  parts.scheduler.load(contents.scheduler);
  parts.scaler.load(contents.scaler);
  if (contents.ema) parts.ema = emaStateFromArrays(contents.ema);
}

/**
 * The optimizing half of a trainer, without data: what the `dp` strategy's coordinator holds as the master copy.
 * `totalSteps` as the replicas computed it (the schedules need it).
 */
export function restoreParts(
  bytes: ArrayBuffer,
  totalSteps: number,
  lossScaling: boolean,
  source: string,
): { parts: TrainerParts; config: RunConfig } {
  const contents = readContents(bytes, source);
  assertRunConfig(contents.config, source);
  const parts = buildTrainerParts(contents.config, contents.inputWidth, totalSteps, lossScaling);
  try {
    loadParts(parts, contents, source);
    return { parts, config: contents.config };
  } catch (error) {
    parts.optimizer.dispose();
    parts.params.dispose();
    throw error;
  }
}

/** A replica's checkpoint with the master's optimizer, schedule, loss-scale and EMA state (strategy `dp`). */
export async function withMasterState(
  replicaBytes: ArrayBuffer,
  parts: TrainerParts,
  source: string,
): Promise<ArrayBuffer> {
  const contents = readContents(replicaBytes, source);
  return encodeCheckpoint({
    ...contents,
    optimizer: await parts.optimizer.state(),
    ema: parts.ema ? emaStateToArrays(parts.ema) : null,
    scheduler: parts.scheduler.state(),
    scaler: parts.scaler.state(),
  });
}
