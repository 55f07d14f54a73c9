/**
 * This rank's trainer, built or restored for a run, with its micro-batches split into passes that fit the backend's
 * memory, or refused up front when not even one protein fits.
 */
import * as tf from '@tensorflow/tfjs';
import { parameterCount } from '../../model/params/parameter-spec';
import type { ReplicaCommand } from '../../protocol/replica-messages';
import { memoryRefusal, passNote, proteinsPerPass, type StepSize } from '../memory/memory-preflight';
import type { ProteinSource } from '../trainer/protein-source';
import { Trainer } from '../trainer/trainer';
import { restoreTrainer } from '../trainer/trainer-checkpoint';
import { scaledLearningRates } from './lr-scaling';

/** The WebGPU device's largest storage buffer, when the active tfjs backend is WebGPU. */
function gpuBufferLimit(): { maxBufferBytes?: number } {
  const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
  return device ? { maxBufferBytes: device.limits.maxStorageBufferBindingSize } : {};
}

export interface ReplicaTrainer {
  readonly trainer: Trainer;
  /** The line to log when the pre-flight split micro-batches into passes; null when each fits one pass. */
  readonly memoryNote: string | null;
}

/**
 * The trainer for `command`'s rank on `source`: restored from its checkpoint, or new with the learning rates scaled
 * for the trainer count (fixed when a run starts; a checkpoint carries the LRs it ran with). `stepSize` gives the
 * micro-batch's padded size from the run's config (see memory/step-size.ts). Throws the memory pre-flight's refusal,
 * the trainer disposed, when not even one protein fits `backend`; otherwise limits each pass to what fits.
 */
export function buildReplicaTrainer(
  command: Extract<ReplicaCommand, { type: 'init' }>,
  source: ProteinSource,
  stepSize: (config: Trainer['config']) => StepSize,
  lossScaling: boolean,
  backend: string,
): ReplicaTrainer {
  const options = { rank: command.rank, worldSize: command.worldSize, lossScaling };
  const t = command.checkpoint
    ? restoreTrainer(command.checkpoint, source, options, 'checkpoint')
    : new Trainer(scaledLearningRates(command.config, command.worldSize), source, options);
  const size = stepSize(t.config);
  const parameters = parameterCount(t.parts.params.specs);
  const target = { backend, ...gpuBufferLimit() };
  const refusal = memoryRefusal(t.parts.modelConfig, size, parameters, target);
  if (refusal) {
    t.dispose();
    throw new Error(refusal);
  }
  const perPass = proteinsPerPass(t.parts.modelConfig, size, parameters, target);
  if (perPass < size.batch) t.limitProteinsPerPass(perPass);
  return { trainer: t, memoryNote: passNote(t.parts.modelConfig, size, parameters, target, perPass) };
}
