/**
 * One optimizer step over an accumulation window: every micro-batch forward + backward with the window's loss
 * normalizers (so the summed gradients are exactly those of the window taken as one batch), EMA statistics summed
 * over the window, then unscale/skip, clip, optimizer step and the EMA codebook update.
 */
import * as tf from '@tensorflow/tfjs';
import { disposeLossGradients, lossAndGradients } from '../model/loss-gradients';
import { addMaskCounts, disposeLossTargets, toLossTargets, withNormalizers, type LossTargets } from '../model/losses/loss-targets';
import { disposeModelInputs, toModelInputs } from '../model/model-inputs';
import { addEmaStatistics, emaStatistics, type EmaStatistics } from '../model/quantizer/ema-statistics';
import { applyEma, assignCodebook } from '../model/quantizer/ema-update';
import { resetDeadCodes } from '../model/quantizer/dead-code-reset';
import { codebookVariable } from '../model/quantizer/quantizer-specs';
import type { PaddedBatch } from '../protocol/padded-batch';
import type { RunConfig } from '../protocol/run-config';
import { clipGradients } from './optimizers/clip-gradients';
import { readGradientNorms, type GradientNormReport } from './optimizers/gradient-norm-report';
import type { TrainerParts } from './trainer-parts';

export interface WindowStepInput {
  readonly batches: readonly PaddedBatch[];
  readonly optimizerStep: number;
  /** Micro-batches consumed before this window (dropout keys). */
  readonly microBatches: number;
  readonly commitmentCost: number;
  readonly learningRates: Record<'muon' | 'adamw', number>;
  readonly rank: number;
}

export interface WindowStepResult {
  readonly losses: Record<string, number>;
  readonly weightedLosses: Record<string, number>;
  readonly total: number;
  readonly applied: boolean;
  readonly norms: GradientNormReport | null;
  readonly counts: Float32Array;
  readonly residues: number;
  readonly proteins: number;
}

async function scalarValues(record: Partial<Record<string, tf.Scalar>>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(record)) if (value) out[name] = (await value.data())[0] ?? NaN;
  return out;
}

function addInto(target: Record<string, number>, values: Record<string, number>): void {
  for (const [name, value] of Object.entries(values)) target[name] = (target[name] ?? 0) + value;
}

export async function windowStep(parts: TrainerParts, config: RunConfig, input: WindowStepInput): Promise<WindowStepResult> {
  const { params, modelConfig } = parts;
  const targetOptions = { maskPlddt: config.masking.maskPlddt, plddtThreshold: config.masking.plddtThreshold, distanceBinEdges: config.losses.distanceBinEdges, seed: config.data.seed, step: input.optimizerStep, rank: input.rank };
  const targets: LossTargets[] = input.batches.map((batch) => toLossTargets(batch, targetOptions));
  const normalizers = addMaskCounts(targets.map((t) => t.counts));
  const losses: Record<string, number> = {};
  const weightedLosses: Record<string, number> = {};
  const emaParts: EmaStatistics[] = [];
  let sums = new Map<string, tf.Tensor>();
  let residues = 0;
  try {
    for (const [m, batch] of input.batches.entries()) {
      const inputs = toModelInputs(batch);
      const result = lossAndGradients(params, modelConfig, inputs, withNormalizers(targets[m] as LossTargets, normalizers), {
        training: true, seed: config.data.seed, step: input.microBatches + m, rank: input.rank, commitmentCost: input.commitmentCost, weights: parts.lossWeights, labelSmoothing: config.losses.labelSmoothing,
      }, parts.trainable);
      try {
        // With loss scaling on, gradients are those of scale·loss, as the scaler expects to unscale them.
        const scale = parts.scaler.scale;
        const next = new Map<string, tf.Tensor>();
        for (const [name, grad] of result.grads) {
          next.set(name, tf.tidy(() => {
            const contribution = scale === 1 ? grad : tf.mul(grad, scale);
            const previous = sums.get(name);
            return previous ? tf.add(previous, contribution) : tf.clone(contribution);
          }));
        }
        tf.dispose([...sums.values()]);
        sums = next;
        addInto(losses, await scalarValues(result.raw));
        addInto(weightedLosses, await scalarValues(result.weighted));
        if (parts.ema) emaParts.push(await emaStatistics(result.z, result.codes, inputs.mask, modelConfig.quantizer.codes));
        else emaParts.push({ counts: Float32Array.from(await result.counts.data()), sums: new Float32Array(0) });
        residues += batch.lengths.reduce((a, b) => a + b, 0);
      } finally {
        disposeLossGradients(result);
        disposeModelInputs(inputs);
      }
    }
    // Unscale, and skip the step when any gradient is non-finite (in f32 runs the scale is 1: only the check).
    let norms: GradientNormReport | null = null;
    const { applied } = await parts.scaler.step(sums, async (grads) => {
      const clipped = clipGradients(grads, { maxNorm: config.training.clipGrad ? config.training.clipGradMaxNorm : Infinity, mode: config.training.clipGradMode });
      try {
        norms = await readGradientNorms(clipped);
        parts.optimizer.step(clipped.grads, input.learningRates);
      } finally {
        tf.dispose([...clipped.grads.values(), clipped.norms]);
      }
    });
    const stats = addEmaStatistics(emaParts);
    if (applied && parts.ema) {
      const update = applyEma(parts.ema, stats, modelConfig.quantizer);
      const reset = modelConfig.quantizer.deadCodeReset ? resetDeadCodes(update, modelConfig.quantizer, config.data.seed, input.optimizerStep) : update;
      parts.ema = reset.state;
      assignCodebook(codebookVariable(params), reset.codebook);
    }
    const total = Object.values(weightedLosses).reduce((a, b) => a + b, 0);
    return { losses, weightedLosses, total, applied, norms, counts: stats.counts, residues, proteins: input.batches.reduce((a, b) => a + b.batchSize, 0) };
  } finally {
    tf.dispose([...sums.values()]);
    for (const t of targets) disposeLossTargets(t);
  }
}

