/** Every loss term against an independent NumPy (float64) computation on the same batch and predictions. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import type { PaddedBatch } from '../../protocol/padded-batch';
import { DEFAULT_DISTANCE_BIN_EDGES, DEFAULT_LOSS_WEIGHTS, LOSS_NAMES, type LossName } from './loss-config';
import { emptyBatch, mixedBatch, uniformValues } from './loss-fixtures.node';
import type { LossPredictions } from './loss-predictions';
import { disposeLossTargets, toLossTargets } from './loss-targets';
import { runLossReference } from './numpy-reference.node';
import { pairMasks } from './pair-masks';
import { softCrossEntropy } from './soft-cross-entropy';
import { computeLosses } from './total-loss';

type Reference = Record<
  Exclude<LossName, 'vq'> | 'aminoAcidSmoothed' | 'anglesFromVectors' | 'edgePositive' | 'edgeNegative',
  number
> & {
  positivePairs: number;
  negativePairs: number;
  classHistogram: number[];
};

const KEY = { seed: 11, step: 3, rank: 1 };
const VQ = 0.7;
const SMOOTHING = 0.1;

function predictionArrays(B: number, L: number, fft2Target: Float32Array | undefined) {
  const noise = fft2Target ? uniformValues(fft2Target.length, -3, 3, 7) : undefined;
  return {
    aminoAcidLogits: uniformValues(B * L * 20, -3, 3, 1),
    ssLogits: uniformValues(B * L * 3, -3, 3, 2),
    angles_pred: uniformValues(B * L * 3, -Math.PI, Math.PI, 3),
    angleVectors: uniformValues(B * L * 6, -1, 1, 4),
    contactProbability: uniformValues(B * L * L, 0.01, 0.99, 5),
    distanceLogits: uniformValues(B * L * L * 8, -3, 3, 6),
    fft2: fft2Target && noise ? fft2Target.map((v, k) => v + (noise[k] ?? 0)) : undefined,
  };
}

function fft2TargetOf(batch: PaddedBatch): Float32Array | undefined {
  const { fourier2dr: r, fourier2di: i } = batch.proteinFeatures;
  if (!r || !i) return undefined;
  const out = new Float32Array(batch.batchSize * (r.cols + i.cols));
  for (let b = 0; b < batch.batchSize; b++) {
    out.set(r.data.subarray(b * r.cols, (b + 1) * r.cols), b * (r.cols + i.cols));
    out.set(i.data.subarray(b * i.cols, (b + 1) * i.cols), b * (r.cols + i.cols) + r.cols);
  }
  return out;
}

function compare(batch: PaddedBatch, maskPlddt: boolean): void {
  const { batchSize: B, paddedLength: L } = batch;
  const fft2Target = fft2TargetOf(batch);
  const p = predictionArrays(B, L, fft2Target);
  const reference = runLossReference<Reference>({
    B,
    L,
    lengths: batch.lengths,
    plddt: batch.residueFeatures.plddt?.data,
    plddtIsConfidence: batch.plddtIsConfidence,
    aminoAcids: batch.residueFeatures.AA?.data,
    ss: batch.residueFeatures.ss?.data,
    angles: batch.residueFeatures.bondangles?.data,
    coords: batch.residueFeatures.coords?.data,
    contactMask: batch.contactMask,
    negative: pairMasks(batch, KEY).negative,
    fft2Target: fft2Target ?? null,
    ...p,
    options: {
      maskPlddt,
      plddtThreshold: 0.3,
      distanceBinEdges: DEFAULT_DISTANCE_BIN_EDGES,
      labelSmoothing: SMOOTHING,
    },
  });
  const before = tf.memory().numTensors;
  const targets = toLossTargets(batch, {
    maskPlddt,
    plddtThreshold: 0.3,
    distanceBinEdges: DEFAULT_DISTANCE_BIN_EDGES,
    ...KEY,
  });
  expect(targets.positivePairCount).toBe(reference.positivePairs);
  expect(targets.negativePairCount).toBe(reference.negativePairs);
  // The distance head scores the listed pairs only: pick their rows from the dense predictions NumPy reads.
  const [first, second] = [targets.pairs.first.dataSync(), targets.pairs.second.dataSync()];
  const listedLogits = new Float32Array(targets.pairs.count * 8);
  for (let q = 0; q < targets.pairs.count; q++) {
    const cell = (first[q] ?? 0) * L + ((second[q] ?? 0) % L);
    listedLogits.set(p.distanceLogits.subarray(cell * 8, cell * 8 + 8), q * 8);
  }
  const ours = tf.tidy(() => {
    const outputs: LossPredictions = {
      aminoAcidLogits: tf.tensor3d(p.aminoAcidLogits, [B, L, 20]),
      ssLogits: tf.tensor3d(p.ssLogits, [B, L, 3]),
      angles: tf.tensor3d(p.angles_pred, [B, L, 3]),
      contactProbability: tf.tensor3d(p.contactProbability, [B, L, L]),
      distanceLogits: tf.tensor2d(listedLogits, [targets.pairs.count, 8]),
      fft2: p.fft2 ? tf.tensor2d(p.fft2, [B, p.fft2.length / B]) : undefined,
    };
    const plain = computeLosses(outputs, targets, tf.scalar(VQ), DEFAULT_LOSS_WEIGHTS);
    const smoothed = computeLosses(outputs, targets, null, DEFAULT_LOSS_WEIGHTS, { labelSmoothing: SMOOTHING });
    const fromVectors = computeLosses(
      { angleVectors: tf.tensor3d(p.angleVectors, [B, L, 6]) },
      targets,
      null,
      DEFAULT_LOSS_WEIGHTS,
    );
    const read = (s: tf.Scalar | undefined): number => (s ? (s.dataSync()[0] ?? NaN) : NaN);
    const raw = Object.fromEntries(LOSS_NAMES.map((n) => [n, read(plain.raw[n])]));
    return {
      raw,
      total: read(plain.total),
      smoothed: read(smoothed.raw.aminoAcid),
      fromVectors: read(fromVectors.raw.angles),
      keys: Object.keys(fromVectors.raw),
    };
  });
  disposeLossTargets(targets);
  expect(tf.memory().numTensors).toBe(before);

  const close = (a: number, b: number): void => {
    expect(Number.isFinite(a)).toBe(true);
    if (b === 0) expect(a).toBe(0);
    else expect(Math.abs(a - b) / Math.abs(b)).toBeLessThan(1e-4);
  };
  for (const name of ['aminoAcid', 'edge', 'logit', 'angles', 'ss'] as const)
    close(ours.raw[name] ?? NaN, reference[name]);
  if (fft2Target) close(ours.raw.fft2 ?? NaN, reference.fft2);
  close(ours.smoothed, reference.aminoAcidSmoothed);
  close(ours.fromVectors, reference.anglesFromVectors);
  expect(ours.keys).toEqual(['angles']);
  const expectedTotal = LOSS_NAMES.reduce(
    (sum, n) => sum + DEFAULT_LOSS_WEIGHTS[n] * (n === 'vq' ? VQ : n === 'fft2' && !fft2Target ? 0 : reference[n]),
    0,
  );
  close(ours.total, expectedTotal);
}

describe('loss terms match NumPy', () => {
  test('mixed batch (padding, unlabelled residue, B-factor protein, no negatives in one protein), no pLDDT masking', () => {
    compare(mixedBatch(), false);
  });
  test('same batch with pLDDT masking (residues at and below 0.3 dropped from angles, SS, edge, logit)', () => {
    compare(mixedBatch(), true);
  });
  test('every mask empty: each term is exactly 0, not NaN', () => {
    compare(emptyBatch(), true);
  });
});

describe('label smoothing', () => {
  test('matches the hand formula (1 − ε)(−log p_y) + (ε/K)Σ(−log p_k)', () => {
    // p = softmax([0, ln 3]) = [0.25, 0.75], class 1, ε = 0.1:
    // 0.9·(−ln 0.75) + 0.05·(ln 4 − ln 0.75) = 0.258914 + 0.083699 = 0.342613.
    const value = tf.tidy(
      () => softCrossEntropy(tf.tensor2d([[0, Math.log(3)]]), tf.tensor2d([[0, 1]]), 0.1).dataSync()[0],
    );
    expect(value).toBeCloseTo(0.9 * -Math.log(0.75) + 0.05 * (Math.log(4) - Math.log(0.75)), 6);
    expect(value).toBeCloseTo(0.342613, 5);
  });
});
