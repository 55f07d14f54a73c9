import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { PaddedBatch } from '../../protocol/padded-batch';
import { sampleBatch } from '../testing/sample-batch.node';
import { DEFAULT_DISTANCE_BIN_EDGES, DEFAULT_LOSS_CONFIG, DEFAULT_LOSS_WEIGHTS } from './loss-config';
import { mixedBatch, uniformValues } from './loss-fixtures.node';
import { disposeLossTargets, toLossTargets } from './loss-targets';
import { computeLosses } from './total-loss';

let batch: PaddedBatch;
beforeAll(async () => {
  // Proteins 175–180 of the sample: pae_A and pae_model_A (pLDDT) among B-factor ones, cropped to 64 residues.
  batch = await sampleBatch({ proteins: 6, offset: 175, maxLength: 64 });
});

const options = (maskPlddt: boolean, plddtThreshold = 0.3) => ({
  maskPlddt,
  plddtThreshold,
  distanceBinEdges: DEFAULT_DISTANCE_BIN_EDGES,
  seed: 3,
  step: 7,
  rank: 0,
});
const sum = (t: tf.Tensor): number => tf.tidy(() => tf.sum(t).dataSync()[0] ?? NaN);

describe('toLossTargets on a real sample batch', () => {
  test('shapes, dtypes and counts; disposeLossTargets frees everything', () => {
    const before = tf.memory().numTensors;
    const t = toLossTargets(batch, options(false));
    const [B, L] = [batch.batchSize, batch.paddedLength];
    expect(t.aminoAcids.shape).toEqual([B, L, 20]);
    expect(t.secondaryStructure.shape).toEqual([B, L, 3]);
    expect(t.angles.shape).toEqual([B, L, 3]);
    expect(t.angleMask.shape).toEqual([B, L, 3]);
    for (const m of [t.aminoAcidMask, t.ssMask, t.residueMask, t.confidenceMask]) expect(m.shape).toEqual([B, L]);
    for (const m of [t.positivePairs, t.negativePairs]) expect(m.shape).toEqual([B, L, L]);
    for (const m of [t.pairs.first, t.pairs.second, t.pairs.positive, t.pairs.negative, t.pairs.classes])
      expect(m.shape).toEqual([t.pairs.count]);
    expect([t.pairs.first.dtype, t.pairs.second.dtype, t.pairs.classes.dtype]).toEqual(['int32', 'int32', 'int32']);
    expect(t.distanceClassCount).toBe(8);
    expect(t.fft2).toBeUndefined();
    const real = [...batch.lengths].reduce((a, b) => a + b, 0);
    expect(sum(t.residueMask)).toBe(real);
    expect(sum(t.confidenceMask)).toBe(real);
    expect(sum(t.ssMask)).toBe(real);
    // Every contact is a positive (padBatch never stores self-loops); negatives balance them.
    const contacts = [...batch.contactCounts].reduce((a, b) => a + b, 0);
    expect(t.positivePairCount).toBe(contacts);
    expect(sum(t.positivePairs)).toBe(contacts);
    const negatives = [...batch.contactCounts].reduce((a, c, b) => {
      const n = batch.lengths[b] ?? 0;
      return a + Math.min(c, n * (n - 1) - c);
    }, 0);
    expect(t.negativePairCount).toBe(negatives);
    // The pair list holds exactly the ones of both masks, in (protein, i, j) order, each with its own flag.
    expect(t.pairs.count).toBe(contacts + negatives);
    expect(sum(t.pairs.positive)).toBe(contacts);
    expect(sum(t.pairs.negative)).toBe(negatives);
    const [first, second] = [t.pairs.first.dataSync(), t.pairs.second.dataSync()];
    const [positiveMask, negativeMask] = [t.positivePairs.dataSync(), t.negativePairs.dataSync()];
    const [isPositive, isNegative] = [t.pairs.positive.dataSync(), t.pairs.negative.dataSync()];
    for (let p = 0; p < t.pairs.count; p++) {
      const [rowI, rowJ] = [first[p] ?? -1, second[p] ?? -1];
      const b = Math.floor(rowI / L);
      expect(Math.floor(rowJ / L)).toBe(b);
      const cell = rowI * L + (rowJ % L);
      expect([isPositive[p], isNegative[p]]).toEqual([positiveMask[cell], negativeMask[cell]]);
      if (p > 0) expect(rowI * L + (rowJ % L)).toBeGreaterThan((first[p - 1] ?? 0) * L + ((second[p - 1] ?? 0) % L));
    }
    // Contacts are CA–CA < 15 Å: classes 0 (< 5 Å), 1 (< 12.5 Å) or 2 (< 20 Å) only.
    const classes = t.pairs.classes.dataSync();
    expect(Array.from(classes).every((c, p) => isPositive[p] === 0 || c <= 2)).toBe(true);
    const definedAngles = (batch.residueFeatures.bondangles?.data ?? new Float32Array()).filter((v) => v !== 0).length;
    expect(sum(t.angleMask)).toBe(definedAngles);
    disposeLossTargets(t);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('pLDDT masking removes only low-confidence residues of pLDDT proteins, and their pairs', () => {
    // These predicted models are confident (every cropped residue > 0.3), so mask at 0.9 to have something to drop.
    const masked = toLossTargets(batch, options(true, 0.9));
    const plddt = batch.residueFeatures.plddt?.data ?? new Float32Array();
    const L = batch.paddedLength;
    let expected = 0;
    batch.lengths.forEach((n, b) => {
      for (let i = 0; i < n; i++)
        if (batch.plddtIsConfidence[b] === 0 || (plddt[b * L + i] ?? 0) > Math.fround(0.9)) expected++;
    });
    expect(sum(masked.confidenceMask)).toBe(expected);
    expect(Array.from(batch.plddtIsConfidence).filter((v) => v === 1).length).toBe(2);
    expect(expected).toBeLessThan([...batch.lengths].reduce((a, b) => a + b, 0));
    // A pair survives iff both residues do.
    const confident = masked.confidenceMask.dataSync();
    const kept = masked.positivePairs.dataSync();
    let pairs = 0;
    batch.contactMask.forEach((c, cell) => {
      const b = Math.floor(cell / (L * L));
      const [i, j] = [Math.floor(cell / L) % L, cell % L];
      if (c === 1 && confident[b * L + i] === 1 && confident[b * L + j] === 1) pairs++;
      expect(kept[cell]).toBe(c === 1 && confident[b * L + i] === 1 && confident[b * L + j] === 1 ? 1 : 0);
    });
    expect(masked.positivePairCount).toBe(pairs);
    disposeLossTargets(masked);
  });
});

describe('computeLosses', () => {
  const fixture = mixedBatch(6);
  const [B, L] = [fixture.batchSize, fixture.paddedLength];

  test('only terms with a decoder output (or a vq loss) appear; total = Σ weight · raw; nothing leaks', () => {
    const targets = toLossTargets(fixture, options(true));
    const before = tf.memory().numTensors;
    const result = tf.tidy(() => {
      const logits = tf.tensor3d(uniformValues(B * L * 20, -2, 2, 1), [B, L, 20]);
      const probability = tf.tensor3d(uniformValues(B * L * L, 0.1, 0.9, 2), [B, L, L]);
      const losses = computeLosses(
        { aminoAcidLogits: logits, contactProbability: probability },
        targets,
        tf.scalar(0.5),
        DEFAULT_LOSS_WEIGHTS,
      );
      const read = (s: tf.Scalar | undefined): number => s?.dataSync()[0] ?? NaN;
      return {
        names: Object.keys(losses.raw),
        weightedNames: Object.keys(losses.weighted),
        total: read(losses.total),
        expected: read(losses.raw.aminoAcid) * 1 + read(losses.raw.edge) * 0.25 + 0.5 * 0.1,
      };
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.names).toEqual(['aminoAcid', 'edge', 'vq']);
    expect(result.weightedNames).toEqual(['aminoAcid', 'edge', 'vq']);
    expect(result.total).toBeCloseTo(result.expected, 5);
    disposeLossTargets(targets);
  });

  test('no terms gives a total of 0; invalid weights and a missing fft2 target throw', () => {
    const targets = toLossTargets(mixedBatch(0), options(false));
    tf.tidy(() => {
      expect(computeLosses({}, targets, null, DEFAULT_LOSS_WEIGHTS).total.dataSync()[0]).toBe(0);
      const fft2 = tf.zeros([B, 12]);
      expect(() => computeLosses({ fft2 }, targets, null, DEFAULT_LOSS_WEIGHTS)).toThrow(/fourier2d/);
      expect(() => computeLosses({}, targets, null, { ...DEFAULT_LOSS_WEIGHTS, edge: -1 })).toThrow(/edge/);
    });
    disposeLossTargets(targets);
  });

  test('unit angle vectors give the same angle loss as their angles (the vectors are preferred when both exist)', () => {
    const targets = toLossTargets(fixture, options(true));
    const [viaAngles, viaBoth] = tf.tidy(() => {
      const angles = tf.tensor3d(uniformValues(B * L * 3, -3, 3, 9), [B, L, 3]);
      const vectors = tf.reshape(tf.stack([tf.sin(angles), tf.cos(angles)], -1), [B, L, 6]);
      const read = (o: Parameters<typeof computeLosses>[0]): number =>
        computeLosses(o, targets, null, DEFAULT_LOSS_WEIGHTS).raw.angles?.dataSync()[0] ?? NaN;
      return [read({ angles }), read({ angles: tf.zeros([B, L, 3]), angleVectors: vectors })];
    });
    expect(viaBoth).toBeCloseTo(viaAngles ?? NaN, 5);
    disposeLossTargets(targets);
  });

  test('a gradient step through every term leaks no tensor', () => {
    const targets = toLossTargets(fixture, options(true));
    const variables = {
      aminoAcidLogits: tf.variable(tf.tensor3d(uniformValues(B * L * 20, -2, 2, 3), [B, L, 20])),
      ssLogits: tf.variable(tf.tensor3d(uniformValues(B * L * 3, -2, 2, 4), [B, L, 3])),
      angleVectors: tf.variable(tf.tensor3d(uniformValues(B * L * 6, -1, 1, 5), [B, L, 6])),
      contactProbability: tf.variable(tf.tensor3d(uniformValues(B * L * L, 0.1, 0.9, 6), [B, L, L])),
      distanceLogits: tf.variable(
        tf.tensor2d(uniformValues(targets.pairs.count * 8, -2, 2, 7), [targets.pairs.count, 8]),
      ),
      fft2: tf.variable(tf.tensor2d(uniformValues(B * 12, -2, 2, 8), [B, 12])),
    };
    const before = tf.memory().numTensors;
    for (let step = 0; step < 2; step++) {
      const { value, grads } = tf.variableGrads(
        () => computeLosses(variables, targets, tf.scalar(0.2), DEFAULT_LOSS_CONFIG.weights).total,
      );
      expect(Object.keys(grads).length).toBe(6);
      expect(Object.values(grads).every((g) => g.dataSync().every(Number.isFinite))).toBe(true);
      tf.dispose([value, ...Object.values(grads)]);
      expect(tf.memory().numTensors).toBe(before);
    }
    tf.dispose(Object.values(variables));
    disposeLossTargets(targets);
  });
});
