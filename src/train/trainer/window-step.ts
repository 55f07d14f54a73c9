/**
 * One optimizer step over an accumulation window, in two phases so data-parallel replicas can all-reduce between
 * them: `windowGradients` runs every micro-batch forward + backward with given loss normalizers (the mask counts
 * of everything that makes up the step, so the summed gradients are exactly those of the step taken as one batch)
 * and sums gradients and EMA statistics; `applyWindow` unscales/skips, clips, steps the optimizer and updates the
 * EMA codebook. `windowStep` is both phases for one trainer.
 */
import * as tf from '@tensorflow/tfjs';
import { disposeLossGradients, lossAndGradients } from '../../model/loss-gradients';
import {
  addMaskCounts,
  disposeLossTargets,
  toLossTargets,
  withNormalizers,
  type LossTargets,
  type MaskCounts,
} from '../../model/losses/loss-targets';
import { disposeModelInputs, toModelInputs } from '../../model/model-inputs';
import { addEmaStatistics, emaStatistics, type EmaStatistics } from '../../model/quantizer/ema-statistics';
import { applyEma, assignCodebook } from '../../model/quantizer/ema-update';
import { resetDeadCodes } from '../../model/quantizer/dead-code-reset';
import { codebookVariable } from '../../model/quantizer/codebook-variable';
import type { PaddedBatch } from '../../protocol/padded-batch';
import type { RunConfig } from '../../protocol/run-config';
import { clipGradients } from '../optimizers/clip-gradients';
import { readGradientNorms, type GradientNormReport } from '../optimizers/gradient-norm-report';
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

/** What one replica contributes to a step: gradient sums (owned by the caller), loss parts, EMA statistics. */
export interface WindowGradients {
  readonly sums: Map<string, tf.Tensor>;
  readonly losses: Record<string, number>;
  readonly weightedLosses: Record<string, number>;
  readonly ema: EmaStatistics;
  readonly residues: number;
  readonly proteins: number;
}

export interface WindowStepResult {
  readonly losses: Record<string, number>;
  readonly weightedLosses: Record<string, number>;
  readonly total: number;
  readonly applied: boolean;
  /** The per-parameter extremes are absent when another thread took the step (strategy `dp`). */
  readonly norms:
    | (Pick<GradientNormReport, 'global' | 'encoder' | 'decoder'> &
        Partial<Pick<GradientNormReport, 'largest' | 'smallest'>>)
    | null;
  readonly counts: Float32Array;
  readonly residues: number;
  readonly proteins: number;
}

async function scalarValues(record: Partial<Record<string, tf.Scalar>>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(record)) if (value) out[name] = (await value.data())[0] ?? NaN;
  return out;
}

export function addInto(target: Record<string, number>, values: Record<string, number>): void {
  for (const [name, value] of Object.entries(values)) target[name] = (target[name] ?? 0) + value;
}

/** Loss targets of every micro-batch of a window (negatives keyed by the optimizer step); the caller disposes them. */
export function windowTargets(
  config: RunConfig,
  batches: readonly PaddedBatch[],
  optimizerStep: number,
  rank: number,
): LossTargets[] {
  const options = {
    maskPlddt: config.masking.maskPlddt,
    plddtThreshold: config.masking.plddtThreshold,
    distanceBinEdges: config.losses.distanceBinEdges,
    seed: config.data.seed,
    step: optimizerStep,
    rank,
  };
  return batches.map((batch) => toLossTargets(batch, options));
}

export async function windowGradients(
  parts: TrainerParts,
  config: RunConfig,
  input: WindowStepInput,
  targets: readonly LossTargets[],
  normalizers: MaskCounts,
): Promise<WindowGradients> {
  const { params, modelConfig } = parts;
  const losses: Record<string, number> = {};
  const weightedLosses: Record<string, number> = {};
  const emaParts: EmaStatistics[] = [];
  let sums = new Map<string, tf.Tensor>();
  let residues = 0;
  try {
    for (const [m, batch] of input.batches.entries()) {
      const inputs = toModelInputs(batch);
      const result = lossAndGradients(
        params,
        modelConfig,
        inputs,
        withNormalizers(targets[m] as LossTargets, normalizers),
        {
          training: true,
          seed: config.data.seed,
          step: input.microBatches + m,
          rank: input.rank,
          commitmentCost: input.commitmentCost,
          weights: parts.lossWeights,
          labelSmoothing: config.losses.labelSmoothing,
        },
        parts.trainable,
      );
      try {
        // With loss scaling on, gradients are those of scale·loss, as the scaler expects to unscale them.
        const scale = parts.scaler.scale;
        const next = new Map<string, tf.Tensor>();
        for (const [name, grad] of result.grads) {
          next.set(
            name,
            tf.tidy(() => {
              const contribution = scale === 1 ? grad : tf.mul(grad, scale);
              const previous = sums.get(name);
              return previous ? tf.add(previous, contribution) : tf.clone(contribution);
            }),
          );
        }
        tf.dispose([...sums.values()]);
        sums = next;
        addInto(losses, await scalarValues(result.raw));
        addInto(weightedLosses, await scalarValues(result.weighted));
        if (parts.ema)
          emaParts.push(await emaStatistics(result.z, result.codes, inputs.mask, modelConfig.quantizer.codes));
        else emaParts.push({ counts: Float32Array.from(await result.counts.data()), sums: new Float32Array(0) });
        residues += batch.lengths.reduce((a, b) => a + b, 0);
      } finally {
        disposeLossGradients(result);
        disposeModelInputs(inputs);
      }
    }
  } catch (error) {
    tf.dispose([...sums.values()]);
    throw error;
  }
  // A window with nothing read (every micro-batch skipped) still joins the exchange: zero statistics of the full shape.
  const { codes, embeddingDim } = modelConfig.quantizer;
  const ema =
    emaParts.length > 0
      ? addEmaStatistics(emaParts)
      : { counts: new Float32Array(codes), sums: new Float32Array(parts.ema ? codes * embeddingDim : 0) };
  return { sums, losses, weightedLosses, ema, residues, proteins: input.batches.reduce((a, b) => a + b.batchSize, 0) };
}

/** Phase two: unscale and skip on non-finite gradients, clip, optimizer step, EMA codebook update. */
export async function applyWindow(
  parts: TrainerParts,
  config: RunConfig,
  sums: ReadonlyMap<string, tf.Tensor>,
  ema: EmaStatistics,
  input: Pick<WindowStepInput, 'learningRates' | 'optimizerStep'>,
): Promise<{ applied: boolean; norms: GradientNormReport | null }> {
  let norms: GradientNormReport | null = null;
  const { applied } = await parts.scaler.step(sums, async (grads) => {
    const clipped = clipGradients(grads, {
      maxNorm: config.training.clipGrad ? config.training.clipGradMaxNorm : Infinity,
      mode: config.training.clipGradMode,
    });
    try {
      norms = await readGradientNorms(clipped);
      parts.optimizer.step(clipped.grads, input.learningRates);
    } finally {
      tf.dispose([...clipped.grads.values(), clipped.norms]);
    }
  });
  if (applied && parts.ema) {
    const q = parts.modelConfig.quantizer;
    const update = applyEma(parts.ema, ema, q);
    const reset = q.deadCodeReset ? resetDeadCodes(update, q, config.data.seed, input.optimizerStep) : update;
    parts.ema = reset.state;
    assignCodebook(codebookVariable(parts.params), reset.codebook);
  }
  return { applied, norms };
}

/** The step's report: the loss parts and statistics of the window's (summed) gradients, and what applying them did. */
export function windowStepResult(
  gradients: WindowGradients,
  { applied, norms }: Pick<WindowStepResult, 'applied' | 'norms'>,
): WindowStepResult {
  return {
    losses: gradients.losses,
    weightedLosses: gradients.weightedLosses,
    total: Object.values(gradients.weightedLosses).reduce((a, b) => a + b, 0),
    applied,
    norms,
    counts: gradients.ema.counts,
    residues: gradients.residues,
    proteins: gradients.proteins,
  };
}

export async function windowStep(
  parts: TrainerParts,
  config: RunConfig,
  input: WindowStepInput,
): Promise<WindowStepResult> {
  const targets = windowTargets(config, input.batches, input.optimizerStep, input.rank);
  try {
    const gradients = await windowGradients(parts, config, input, targets, addMaskCounts(targets.map((t) => t.counts)));
    try {
      return windowStepResult(gradients, await applyWindow(parts, config, gradients.sums, gradients.ema, input));
    } finally {
      tf.dispose([...gradients.sums.values()]);
    }
  } finally {
    for (const t of targets) disposeLossTargets(t);
  }
}
