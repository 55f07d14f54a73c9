/**
 * Strategy `dp`: the coordinator's master copy of the weights and the only optimizer. It starts from rank 0's state,
 * takes each step on the summed gradients of the round before, and hands back its weights for every replica. It
 * runs on the tfjs CPU backend of the coordinator's thread.
 */
import * as tf from '@tensorflow/tfjs';
import { withLiveChanges } from '../../config/live-changes';
import type { HyperparameterChange } from '../../protocol/coordinator-messages';
import { restoreParts, withMasterState } from '../trainer/trainer-checkpoint';
import { groupBaseLrs, lossWeightsOf } from '../trainer/trainer-parts';
import { lrScaleFactor } from './lr-scaling';
import { applyWindow } from '../trainer/window-step';
import { exchangeLayout, unflatten } from './flat-all-reduce';
import { packWeights } from './weight-broadcast';

export interface Master {
  /** Round 2's publish transform: keeps the summed gradients (and publishes them unchanged). */
  keepGradients(sum: Float32Array): Float32Array;
  /** Round 3's publish transform: the optimizer step `optimizerStep` on the kept gradients, then the weights. */
  stepAndPublish(optimizerStep: number): Promise<Float32Array>;
  /** Live hyper-parameter changes, from the next step on (as every replica takes them). */
  applyChanges(changes: readonly HyperparameterChange[]): void;
  /** A replica's checkpoint completed with the master's optimizer, schedule, loss-scale and EMA state. */
  checkpoint(replicaBytes: ArrayBuffer): Promise<ArrayBuffer>;
  dispose(): void;
}

export async function createMaster(
  replicaBytes: ArrayBuffer,
  totalSteps: number,
  lossScaling: boolean,
  worldSize: number,
): Promise<Master> {
  await tf.setBackend('cpu');
  const restored = restoreParts(replicaBytes, totalSteps, lossScaling, "rank 0's initial state");
  const { parts } = restored;
  let config = restored.config;
  if (config.schedule.lrSchedule === 'plateau') {
    parts.optimizer.dispose();
    parts.params.dispose();
    throw new Error(
      'strategy dp does not support the plateau LR schedule (it reacts to epoch losses only the replicas see): use ddp, or another schedule',
    );
  }
  const layout = exchangeLayout(parts);
  let kept: Float32Array | null = null;
  return {
    keepGradients(sum) {
      kept = sum.slice();
      return sum;
    },
    async stepAndPublish(optimizerStep) {
      if (!kept) throw new Error('no gradients to step on');
      const shared = unflatten(kept, layout);
      kept = null;
      try {
        const learningRates = parts.scheduler.lrs(optimizerStep);
        const { applied, norms } = await applyWindow(parts, config, shared.sums, shared.ema, {
          learningRates,
          optimizerStep,
        });
        return await packWeights(parts, { applied, norms });
      } finally {
        tf.dispose([...shared.sums.values()]);
      }
    },
    applyChanges(changes) {
      config = withLiveChanges(config, changes, lrScaleFactor(config.training.lrScaling, worldSize));
      parts.lossWeights = lossWeightsOf(config);
      parts.scheduler.setBaseLrs(groupBaseLrs(config));
    },
    checkpoint: (bytes) => withMasterState(bytes, parts, "rank 0's checkpoint"),
    dispose() {
      parts.optimizer.dispose();
      parts.params.dispose();
    },
  };
}
