/**
 * Times the model on the current tfjs backend: forward (tokens and every decoder output) and forward + backward
 * (every loss term and every gradient), median of a few repeats after a warm-up. Each timing ends with a read of
 * one value computed last, so queued GPU work is inside the measurement.
 */
import * as tf from '@tensorflow/tfjs';
import { addMany } from '../../model/layers/add-many';
import { disposeLossGradients, lossAndGradients } from '../../model/loss-gradients';
import { DEFAULT_DISTANCE_BIN_EDGES, DEFAULT_LOSS_WEIGHTS } from '../../model/losses/loss-config';
import { disposeLossTargets, toLossTargets } from '../../model/losses/loss-targets';
import type { ModelConfig } from '../../model/model-config';
import { disposeModelInputs, toModelInputs } from '../../model/model-inputs';
import { parameterCount } from '../../model/params/parameter-spec';
import { CODEBOOK_PARAMETER } from '../../model/quantizer/quantizer-specs';
import { createModelParameters, forward } from '../../model/tokenizer-model';
import { modelSpecs } from '../../model/model-specs';
import type { PaddedBatch } from '../../protocol/padded-batch';
import type { ModelTiming } from '../../protocol/model-bench-messages';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function timed(run: () => Promise<void>, warmup: number, repeats: number): Promise<number> {
  for (let k = 0; k < warmup; k++) await run();
  const times: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function benchmarkModel(
  preset: string,
  config: ModelConfig,
  batch: PaddedBatch,
  inputWidth: number,
  repeats = 3,
  warmup = 1,
): Promise<ModelTiming> {
  const params = createModelParameters(config, inputWidth, 1);
  const inputs = toModelInputs(batch);
  const targets = toLossTargets(batch, {
    maskPlddt: false,
    plddtThreshold: 0.3,
    distanceBinEdges: DEFAULT_DISTANCE_BIN_EDGES,
    seed: 1,
    step: 0,
    rank: 0,
  });
  const trainable = params.names().filter((name) => name !== CODEBOOK_PARAMETER);
  const options = {
    training: true,
    seed: 1,
    step: 0,
    rank: 0,
    commitmentCost: 0.25,
    weights: DEFAULT_LOSS_WEIGHTS,
    labelSmoothing: 0,
  };
  try {
    const forwardMs = await timed(
      async () => {
        const probe = tf.tidy(() => {
          const result = forward(params, config, inputs, options);
          return addMany(
            Object.values(result.outputs)
              .filter((t): t is tf.Tensor => t !== undefined)
              .map((t) => tf.sum(t)),
          );
        });
        await probe.data();
        probe.dispose();
      },
      warmup,
      repeats,
    );
    const forwardBackwardMs = await timed(
      async () => {
        const result = lossAndGradients(params, config, inputs, targets, options, trainable);
        const last = [...result.grads.values()].at(-1);
        await (last ?? result.total).data();
        disposeLossGradients(result);
      },
      warmup,
      repeats,
    );
    return {
      preset,
      backend: tf.getBackend(),
      proteins: batch.batchSize,
      paddedLength: batch.paddedLength,
      residues: batch.lengths.reduce((a, b) => a + b, 0),
      parameters: parameterCount(modelSpecs(config, inputWidth)),
      forwardMs,
      forwardBackwardMs,
    };
  } finally {
    disposeLossTargets(targets);
    disposeModelInputs(inputs);
    params.dispose();
  }
}
