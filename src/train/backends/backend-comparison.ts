/**
 * The same model, batch and seed differentiated on two tfjs backends (e.g. cpu and webgpu): the largest relative
 * difference of every loss term and every parameter gradient. Used by the browser test that checks WebGPU
 * against the CPU reference, and by anyone who suspects a backend.
 */
import * as tf from '@tensorflow/tfjs';
import { disposeLossGradients, lossAndGradients } from '../../model/loss-gradients';
import { DEFAULT_DISTANCE_BIN_EDGES, DEFAULT_LOSS_WEIGHTS } from '../../model/losses/loss-config';
import { disposeLossTargets, toLossTargets } from '../../model/losses/loss-targets';
import type { ModelConfig } from '../../model/model-config';
import { disposeModelInputs, toModelInputs } from '../../model/model-inputs';
import { CODEBOOK_PARAMETER } from '../../model/quantizer/quantizer-specs';
import { createModelParameters } from '../../model/tokenizer-model';
import type { PaddedBatch } from '../../protocol/padded-batch';

export interface DifferentiationValues {
  readonly losses: Record<string, number>;
  readonly grads: Record<string, Float32Array>;
}

/** Losses and gradients of a freshly seeded model on the current backend, read back with `await data()`. */
export async function differentiate(
  config: ModelConfig,
  batch: PaddedBatch,
  inputWidth: number,
  seed: number,
): Promise<DifferentiationValues> {
  const params = createModelParameters(config, inputWidth, seed);
  const inputs = toModelInputs(batch);
  const targets = toLossTargets(batch, {
    maskPlddt: true,
    plddtThreshold: 0.3,
    distanceBinEdges: DEFAULT_DISTANCE_BIN_EDGES,
    seed,
    step: 0,
    rank: 0,
  });
  const trainable = params.names().filter((name) => name !== CODEBOOK_PARAMETER);
  const options = {
    training: false,
    seed,
    step: 0,
    rank: 0,
    commitmentCost: 0.25,
    weights: DEFAULT_LOSS_WEIGHTS,
    labelSmoothing: 0,
  };
  const result = lossAndGradients(params, config, inputs, targets, options, trainable);
  try {
    const losses: Record<string, number> = { total: (await result.total.data())[0] ?? NaN };
    for (const [name, value] of Object.entries(result.raw)) if (value) losses[name] = (await value.data())[0] ?? NaN;
    const grads: Record<string, Float32Array> = {};
    for (const [name, grad] of result.grads) grads[name] = (await grad.data()) as Float32Array;
    return { losses, grads };
  } finally {
    disposeLossGradients(result);
    disposeLossTargets(targets);
    disposeModelInputs(inputs);
    params.dispose();
  }
}

export interface BackendDifference {
  /** Largest |a − b| / max(|a|, |b|) over the loss terms, and the term it occurs at. */
  readonly loss: { readonly relative: number; readonly at: string };
  /**
   * Largest max|a − b| / scale over the parameter gradients, scale = max|a| of that gradient floored at 1e-4 of
   * the largest gradient in the model: some gradients are zero in exact arithmetic (a key bias shifts every
   * score of a softmax row alike) and hold only rounding noise, which has no meaningful relative error.
   */
  readonly gradient: { readonly relative: number; readonly at: string };
  /** ‖Δg‖₂ / ‖g‖₂ over every parameter's gradient together: the whole update's error, not one entry's. */
  readonly gradientNorm: number;
}

export function compareDifferentiations(
  reference: DifferentiationValues,
  other: DifferentiationValues,
): BackendDifference {
  let loss = { relative: 0, at: '' };
  for (const [name, a] of Object.entries(reference.losses)) {
    const b = other.losses[name] ?? NaN;
    const relative = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-12);
    if (!(relative <= loss.relative)) loss = { relative, at: name };
  }
  const scaleOf = (values: Float32Array) => values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const floor = 1e-4 * Math.max(0, ...Object.values(reference.grads).map(scaleOf));
  let gradient = { relative: 0, at: '' };
  let squaredDifference = 0;
  let squaredReference = 0;
  for (const [name, a] of Object.entries(reference.grads)) {
    const b = other.grads[name];
    if (!b || b.length !== a.length)
      return { loss, gradient: { relative: Infinity, at: name }, gradientNorm: Infinity };
    let diff = 0;
    for (let k = 0; k < a.length; k++) {
      const d = (a[k] ?? 0) - (b[k] ?? NaN);
      diff = Math.max(diff, Math.abs(d));
      squaredDifference += d * d;
      squaredReference += (a[k] ?? 0) ** 2;
    }
    const relative = diff / Math.max(scaleOf(a), floor, 1e-30);
    if (!(relative <= gradient.relative)) gradient = { relative, at: name };
  }
  return { loss, gradient, gradientNorm: Math.sqrt(squaredDifference / Math.max(squaredReference, 1e-300)) };
}

/** Runs `differentiate` on each named backend in turn (switching tf's backend) and compares with the first. */
export async function compareBackends(
  backends: readonly [string, string],
  config: ModelConfig,
  batch: PaddedBatch,
  inputWidth: number,
  seed: number,
): Promise<BackendDifference> {
  const values: DifferentiationValues[] = [];
  for (const backend of backends) {
    if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} could not be initialised`);
    values.push(await differentiate(config, batch, inputWidth, seed));
  }
  const [reference, other] = values;
  if (!reference || !other) throw new Error('two backends are needed');
  return compareDifferentiations(reference, other);
}
