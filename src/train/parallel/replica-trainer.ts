/** This rank's trainer, built or restored for a run, refused up front when one step cannot fit the backend's memory. */
import * as tf from '@tensorflow/tfjs';
import { parameterCount } from '../../model/params/parameter-spec';
import type { ReplicaCommand } from '../../protocol/replica-messages';
import { memoryRefusal } from '../memory/memory-preflight';
import { stepSizeOf } from '../memory/step-size';
import type { ProteinSource } from '../trainer/protein-source';
import { Trainer } from '../trainer/trainer';
import { restoreTrainer } from '../trainer/trainer-checkpoint';
import { scaledLearningRates } from './lr-scaling';

/** The WebGPU device's largest storage buffer, when the active tfjs backend is WebGPU. */
function gpuBufferLimit(): { maxBufferBytes?: number } {
  const device = (tf.backend() as unknown as { device?: GPUDevice }).device;
  return device ? { maxBufferBytes: device.limits.maxStorageBufferBindingSize } : {};
}

/**
 * The trainer for `command`'s rank on `source`: restored from its checkpoint, or new with the learning rates scaled
 * for the trainer count (fixed when a run starts; a checkpoint carries the LRs it ran with). Throws the memory
 * pre-flight's refusal, the trainer disposed, when a step over proteins of `proteinLengths` cannot fit `backend`.
 */
export function buildReplicaTrainer(
  command: Extract<ReplicaCommand, { type: 'init' }>,
  source: ProteinSource,
  proteinLengths: readonly number[],
  lossScaling: boolean,
  backend: string,
): Trainer {
  const options = { rank: command.rank, worldSize: command.worldSize, lossScaling };
  const t = command.checkpoint
    ? restoreTrainer(command.checkpoint, source, options, 'checkpoint')
    : new Trainer(scaledLearningRates(command.config, command.worldSize), source, options);
  const refusal = memoryRefusal(
    t.parts.modelConfig,
    stepSizeOf(t.config, proteinLengths),
    parameterCount(t.parts.params.specs),
    { backend, ...gpuBufferLimit() },
  );
  if (refusal) {
    t.dispose();
    throw new Error(refusal);
  }
  return t;
}
