/**
 * The whole tokenizer, wired: encoder → vector quantizer → decoders → losses. One forward pass serves every
 * decoder and every loss term (FoldTree2 ran its decoder three times per step, §7.11).
 */
import * as tf from '@tensorflow/tfjs';
import { decode } from './decoders/registry';
import type { DecoderOutputs, PairRows } from './decoders/decoder-types';
import { encode } from './encoder/encoder';
import { computeLosses, type LossValues } from './losses/total-loss';
import type { LossTargets } from './losses/loss-targets';
import type { LossWeights } from './losses/loss-config';
import type { ModelConfig } from './model-config';
import type { ModelInputs } from './model-inputs';
import { modelSpecs } from './model-specs';
import { ParameterSet } from './params/parameter-set';
import { codebookVariable } from './quantizer/codebook-variable';
import { quantize, type QuantizeResult } from './quantizer/quantize';

/** Fresh parameters for `config` (the specs of `model-specs.ts`), seeded; `inputWidth` is the dataset's `res.x` width. */
export function createModelParameters(config: ModelConfig, inputWidth: number, seed: number): ParameterSet {
  return new ParameterSet(modelSpecs(config, inputWidth), seed);
}

export interface ForwardOptions {
  readonly training: boolean;
  /** The run's seed (dropout masks). */
  readonly seed: number;
  /** Micro-batch counter, so every micro-batch draws fresh dropout masks. */
  readonly step: number;
  readonly rank: number;
  /** β of the VQ loss at this step (commitment schedule). */
  readonly commitmentCost: number;
  /** Real residues of the whole accumulation window, when the VQ mean is to be taken over the window. */
  readonly residueDenominator?: number;
  /** The pairs the distance head scores (the loss targets' pairs); without them it is not run. */
  readonly pairs?: PairRows;
}

export interface ForwardResult {
  /** [B, L, D] encoder output before quantisation (zero in padding rows). */
  readonly z: tf.Tensor3D;
  readonly quantization: QuantizeResult;
  readonly outputs: DecoderOutputs;
}

/** Runs encoder, quantizer and every enabled decoder once. Tensors belong to the caller (use tf.tidy). */
export function forward(
  params: ParameterSet,
  config: ModelConfig,
  inputs: ModelInputs,
  options: ForwardOptions,
): ForwardResult {
  const key = { training: options.training, seed: options.seed, step: options.step, rank: options.rank };
  const z = encode(params, config.encoder, inputs, key);
  const quantization = quantize(
    codebookVariable(params),
    z,
    inputs.mask,
    options.commitmentCost,
    options.residueDenominator,
  );
  const context = {
    mask: inputs.mask,
    positions: inputs.positions,
    ...key,
    ...(options.pairs ? { pairs: options.pairs } : {}),
  };
  const outputs = decode(params, config.decoders, quantization.quantized, context);
  return { z, quantization, outputs };
}

export interface LossOptions extends ForwardOptions {
  readonly weights: LossWeights;
  readonly labelSmoothing: number;
}

export interface ModelLoss {
  readonly forward: ForwardResult;
  readonly losses: LossValues;
}

/** Forward pass plus every loss term (raw and weighted) and the weighted total. */
export function modelLoss(
  params: ParameterSet,
  config: ModelConfig,
  inputs: ModelInputs,
  targets: LossTargets,
  options: LossOptions,
): ModelLoss {
  const residueDenominator = targets.normalizers?.residues ?? options.residueDenominator;
  const withPairs = { ...options, pairs: targets.pairs };
  const result = forward(
    params,
    config,
    inputs,
    residueDenominator === undefined ? withPairs : { ...withPairs, residueDenominator },
  );
  const losses = computeLosses(result.outputs, targets, result.quantization.loss, options.weights, {
    labelSmoothing: options.labelSmoothing,
  });
  return { forward: result, losses };
}
