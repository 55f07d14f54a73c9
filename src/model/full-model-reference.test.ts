/**
 * The whole tokenizer (encoder → quantizer → every decoder → every loss term → weighted total) against an
 * independent float64 NumPy computation of the same formulas (src/model/testing/full_model_reference.py, run by
 * Debian's /usr/bin/python3), on a real sample batch with padding rows, in eval mode, with pLDDT masking on.
 * The script processes each protein alone and unpadded, as PyTorch / PyG would, and rebuilds every mask and target
 * from the raw batch arrays; only the sampled negative pairs are taken from TypeScript (and validated there).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { PaddedBatch } from '../protocol/padded-batch';
import { DEFAULT_DISTANCE_BIN_EDGES, DEFAULT_LOSS_WEIGHTS, LOSS_NAMES, type LossWeights } from './losses/loss-config';
import { disposeLossTargets, toLossTargets } from './losses/loss-targets';
import { pairMasks } from './losses/pair-masks';
import type { ModelConfig } from './model-config';
import { disposeModelInputs, toModelInputs } from './model-inputs';
import type { ParameterSet } from './params/parameter-set';
import { MODEL_PRESETS } from './presets';
import {
  exportParameters,
  realEntries,
  relativeError,
  runFullModelReference,
} from './testing/full-model-reference.node';
import { EVERY_HEAD_NODE_TYPES, sampleBatch } from './testing/sample-batch.node';
import { shortenProteins } from './testing/shorten-proteins.node';
import { createModelParameters, modelLoss } from './tokenizer-model';

/** The tiny preset with the optional FFT2 head switched on, so every decoder and every loss term runs. */
const REF_CONFIG: ModelConfig = {
  ...MODEL_PRESETS.tiny,
  decoders: { ...MODEL_PRESETS.tiny.decoders, fft2: { enabled: true, hidden: 16 } },
};
/** The same with FoldTree2 HEAD's learned positions in the encoder and both transformer decoders (the foldtree2 presets' form). */
const HEAD_CONFIG: ModelConfig = {
  ...REF_CONFIG,
  encoder: { ...REF_CONFIG.encoder, concatPositions: false, learnPositions: true },
  decoders: {
    ...REF_CONFIG.decoders,
    sequence: { ...REF_CONFIG.decoders.sequence, learnPositions: true },
    geometry: { ...REF_CONFIG.decoders.geometry, learnPositions: true },
  },
};
const KEY = { seed: 11, step: 0, rank: 0 };
const TOLERANCE = 1e-4;

interface Case {
  readonly name: string;
  readonly config: ModelConfig;
  /** Move every parameter whose initial value is a constant (norm gains/biases, mean_scale, MHA biases, τ, b). */
  readonly perturbConstants: boolean;
  readonly labelSmoothing: number;
  readonly commitmentCost: number;
  readonly weights: LossWeights;
  /** pLDDT masking is on in both cases; 0.3 masks none of this batch's pLDDT residues, 0.9 masks many. */
  readonly plddtThreshold: number;
}

const CASES: readonly Case[] = [
  {
    name: 'initial parameters, REF loss weights',
    config: REF_CONFIG,
    perturbConstants: false,
    labelSmoothing: 0,
    commitmentCost: 0.25,
    weights: DEFAULT_LOSS_WEIGHTS,
    plddtThreshold: 0.3,
  },
  {
    name: 'learned positions (HEAD), constant-initialised parameters moved, pLDDT threshold 0.9, label smoothing 0.1, β 0.9, uneven weights',
    config: HEAD_CONFIG,
    perturbConstants: true,
    labelSmoothing: 0.1,
    commitmentCost: 0.9,
    weights: { aminoAcid: 0.7, edge: 0.3, logit: 0.2, angles: 0.11, ss: 0.13, vq: 0.5, fft2: 0.05 },
    plddtThreshold: 0.9,
  },
];

/** Adds a deterministic ±0.3 offset to every parameter initialised to a constant (1 or 0), so no gain is trivially 1. */
function perturbConstants(params: ParameterSet): void {
  params.specs.forEach((spec, s) => {
    if (spec.init.kind === 'uniform' || spec.init.kind === 'normal') return;
    const variable = params.get(spec.name);
    const values = variable.dataSync().map((v, k) => v + 0.3 * Math.sin(12.9898 * k + 78.233 * (s + 1)));
    tf.tidy(() => variable.assign(tf.tensor(values, variable.shape)));
  });
}

/** [B, L, ·] or [B, L, L, ·] decoder outputs: [columns, pairwise]. The distance logits are per scored pair. */
const OUTPUT_LAYOUT = {
  aminoAcidLogits: [20, false],
  ssLogits: [3, false],
  angleVectors: [6, false],
  contactProbability: [1, true],
} as const;

/** The [B, L, L, cols] entries of the listed pairs (`cells` = (b·L + i)·L + j), in list order. */
function listedEntries(values: ArrayLike<number>, cells: readonly number[], cols: number): number[] {
  return cells.flatMap((cell) => Array.from({ length: cols }, (_, c) => values[cell * cols + c] ?? NaN));
}

let batch: PaddedBatch;

beforeAll(async () => {
  // Three real proteins cropped to 40 residues, two cut shorter so the batch has padding rows: an experimental
  // structure whose B-factor column (÷ 100) is mostly ≤ 0.3 but never masks, and two models with pLDDT 0.66–0.98.
  batch = shortenProteins(
    await sampleBatch({ proteins: 3, offset: 176, maxLength: 40, nodeTypes: EVERY_HEAD_NODE_TYPES }),
    [40, 27, 33],
  );
});

describe('the whole tokenizer against an independent NumPy computation', () => {
  test.each(CASES)('$name: codes identical, z, decoder outputs, every raw loss and the total within 1e-4', (c) => {
    const { config } = c;
    const width = batch.residueFeatures.res?.cols ?? 0;
    const params = createModelParameters(config, width, 5);
    if (c.perturbConstants) perturbConstants(params);
    const before = tf.memory().numTensors;
    const targetOptions = {
      maskPlddt: true,
      plddtThreshold: c.plddtThreshold,
      distanceBinEdges: DEFAULT_DISTANCE_BIN_EDGES,
      ...KEY,
    };
    const inputs = toModelInputs(batch);
    const targets = toLossTargets(batch, targetOptions);
    const [first, second] = [targets.pairs.first.dataSync(), targets.pairs.second.dataSync()];
    const pairCells = Array.from(first, (row, q) => row * batch.paddedLength + ((second[q] ?? 0) % batch.paddedLength));
    const options = {
      training: false,
      ...KEY,
      commitmentCost: c.commitmentCost,
      weights: c.weights,
      labelSmoothing: c.labelSmoothing,
    };
    const ts = tf.tidy(() => {
      const { forward, losses } = modelLoss(params, config, inputs, targets, options);
      return {
        z: Array.from(forward.z.dataSync()),
        codes: Array.from(forward.quantization.codes.dataSync()),
        raw: Object.fromEntries(Object.entries(losses.raw).map(([name, t]) => [name, t.dataSync()[0] ?? NaN])),
        total: losses.total.dataSync()[0] ?? NaN,
        outputs: Object.fromEntries(
          Object.entries(forward.outputs).map(([name, t]) => [name, Array.from((t as tf.Tensor).dataSync())]),
        ),
      };
    });
    disposeLossTargets(targets);
    disposeModelInputs(inputs);
    expect(tf.memory().numTensors).toBe(before);

    const exported = exportParameters(params);
    params.dispose();
    const answer = runFullModelReference({
      config,
      params: exported,
      batch,
      sampledNegatives: pairMasks(batch, KEY).negative,
      options: {
        ...targetOptions,
        commitmentCost: c.commitmentCost,
        labelSmoothing: c.labelSmoothing,
        weights: c.weights,
      },
    });

    const d = answer.diagnostics;
    const lossErrors = Object.fromEntries(
      LOSS_NAMES.map((name) => [
        name,
        Math.abs((ts.raw[name] ?? NaN) - answer.losses[name]) / Math.abs(answer.losses[name]),
      ]),
    );
    const totalError = Math.abs(ts.total - answer.total) / Math.abs(answer.total);
    const zError = relativeError(ts.z, answer.z);
    const { lengths, paddedLength: L } = batch;
    const outputErrors = Object.fromEntries(
      Object.entries(OUTPUT_LAYOUT).map(([name, [cols, pairwise]]) => [
        name,
        relativeError(
          realEntries(ts.outputs[name] ?? [], lengths, L, cols, pairwise),
          realEntries(answer.outputs[name] ?? [], lengths, L, cols, pairwise),
        ),
      ]),
    );
    outputErrors['distanceLogits'] = relativeError(
      ts.outputs['distanceLogits'] ?? [],
      listedEntries(answer.outputs['distanceLogits'] ?? [], pairCells, 8),
    );
    outputErrors['fft2'] = relativeError(ts.outputs['fft2'] ?? [], answer.outputs['fft2'] ?? []);
    const codesDiffer = ts.codes.filter((code, k) => code !== answer.codes[k]).length;
    const fmt = (record: Record<string, number>) =>
      Object.entries(record)
        .map(([k, v]) => `${k} ${v.toExponential(1)}`)
        .join(', ');
    console.log(
      `[${c.name}] NumPy losses ${fmt(answer.losses)}, total ${answer.total.toFixed(6)}\n` +
        `  relative errors: ${fmt(lossErrors)}, total ${totalError.toExponential(1)}; z ${zError.toExponential(1)}; codes differing ${codesDiffer}/${d.realResidues}` +
        ` (smallest nearest/second-nearest gap ${d.minCodeMargin.toExponential(1)})\n  decoder outputs on real rows/pairs: ${fmt(outputErrors)}\n` +
        `  batch: ${d.realResidues} real residues, ${d.confidentResidues} confident (${d.confidenceProteins} pLDDT proteins), ${d.positivePairs} positive / ` +
        `${d.negativePairs} negative pairs, ${d.angleEntries} angle entries, contacts symmetric: ${d.contactsSymmetric}`,
    );

    // The sampled negatives obey their documented rule, so trusting them checks formulas, not sampling.
    expect(d.negativesValid && d.negativeCountsMatch).toBe(true);
    // The batch exercises every mask: padding, pLDDT-masked residues, pairs of both kinds, angle entries.
    expect([d.realResidues, d.confidenceProteins]).toEqual([100, 2]);
    expect(d.confidentResidues < d.realResidues).toBe(c.plddtThreshold > 0.5);
    expect(d.positivePairs > 0 && d.negativePairs > 0 && d.angleEntries > 0).toBe(true);
    expect(codesDiffer).toBe(0);
    expect(ts.codes).toEqual(answer.codes);
    expect(zError).toBeLessThanOrEqual(TOLERANCE);
    for (const [name, error] of Object.entries(outputErrors)) expect(error, name).toBeLessThanOrEqual(TOLERANCE);
    for (const name of LOSS_NAMES) {
      expect(answer.losses[name], name).toBeGreaterThan(0);
      expect(lossErrors[name], name).toBeLessThanOrEqual(TOLERANCE);
    }
    expect(totalError).toBeLessThanOrEqual(TOLERANCE);
  });
});
