/**
 * End-to-end check of every decoder against the NumPy reference (PyTorch formulas, float64) run on each protein
 * UNPADDED and alone: our padded, masked batch must give the same values on every real residue and real pair (the
 * distance head on every listed pair),
 * whatever the padding rows hold and however long the batch is padded.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { PaddedBatch } from '../../protocol/padded-batch';
import type { DecoderConfigs } from '../model-config';
import { disposeModelInputs, toModelInputs } from '../model-inputs';
import { ParameterSet } from '../params/parameter-set';
import { MODEL_PRESETS } from '../presets';
import { sampleBatch } from '../testing/sample-batch.node';
import type { DecoderOutputName } from './decoder-types';
import {
  randomizedSpecs,
  realPairs,
  relativeError,
  runNumpyReference,
  seededTensor,
  testContext,
  torchLayout,
  withNoisyPadding,
} from './decoder-test-helpers.node';
import { decode, disposeDecoderOutputs } from './registry';
import { decoderSpecs } from './decoder-specs';

const D = 8;
/** The tiny decoders with the FFT2 head on; the sequence decoder reads learned positions (HEAD), the geometry raw ones (REF). */
const CONFIGS: DecoderConfigs = {
  ...MODEL_PRESETS.tiny.decoders,
  sequence: { ...MODEL_PRESETS.tiny.decoders.sequence, learnPositions: true },
  fft2: { enabled: true, hidden: 16 },
};

let batch: PaddedBatch;
beforeAll(async () => {
  batch = await sampleBatch({ proteins: 3, offset: 9, maxLength: 64 });
});

type Nested = number | Nested[];
type ProteinOutputs = Partial<Record<DecoderOutputName, Nested[]>>;

describe('decoders against NumPy on unpadded proteins', () => {
  test('every output of every real residue and pair matches within 1e-4 (norm-wise relative)', () => {
    const lengths = Array.from(batch.lengths);
    expect(new Set(lengths).size).toBeGreaterThan(1);
    const params = new ParameterSet(randomizedSpecs(decoderSpecs(CONFIGS, D), 0.3), 13);
    const inputs = toModelInputs(batch);
    const L = inputs.length;
    const clean = seededTensor([inputs.batchSize, L, D], 8) as tf.Tensor3D;
    const tokens = withNoisyPadding(clean, inputs.mask, 1);
    const positions = withNoisyPadding(inputs.positions, inputs.mask, 2);
    const pairs = realPairs(lengths, L);
    const outputs = decode(params, CONFIGS, tokens, testContext(inputs.mask, positions, { pairs }));
    const tokenRows = clean.arraySync();
    const positionRows = inputs.positions.arraySync();
    const reference = runNumpyReference<{ proteins: ProteinOutputs[] }>({
      case: 'decoders',
      configs: CONFIGS,
      params: torchLayout(params),
      proteins: lengths.map((n, b) => ({ tokens: tokenRows[b]?.slice(0, n), positions: positionRows[b]?.slice(0, n) })),
    });

    const ours = Object.fromEntries(
      Object.entries(outputs).map(([key, value]) => [key, (value as tf.Tensor).arraySync()]),
    ) as Record<DecoderOutputName, Nested[]>;
    // The distance head scores the listed pairs (every i ≠ j here); NumPy gives every pair, the diagonal too.
    const listed = (b: number): number[] => {
      const all = (reference.proteins[b]?.distanceLogits ?? []) as Nested[][];
      return all.flatMap((row, i) => row.filter((_, j) => j !== i)).flat(3) as number[];
    };
    const cropped = (key: DecoderOutputName, b: number, n: number): number[] => {
      const perProtein = ours[key][b] as Nested;
      if (key === 'fft2') return [perProtein].flat(3) as number[];
      const rows = (perProtein as Nested[]).slice(0, n);
      const pairwise = key === 'contactProbability';
      return (pairwise ? rows.map((row) => (row as Nested[]).slice(0, n)) : rows).flat(3) as number[];
    };
    const keys = Object.keys(ours) as DecoderOutputName[];
    expect(keys.sort()).toEqual([
      'aminoAcidLogits',
      'angleVectors',
      'angles',
      'contactProbability',
      'distanceLogits',
      'fft2',
      'ssLogits',
    ]);
    for (const key of keys) {
      const actual =
        key === 'distanceLogits'
          ? (ours.distanceLogits.flat(3) as number[])
          : lengths.flatMap((n, b) => cropped(key, b, n));
      const expected = lengths.flatMap((_, b) =>
        key === 'distanceLogits' ? listed(b) : ((reference.proteins[b]?.[key] ?? []).flat(3) as number[]),
      );
      expect(actual.length).toBe(expected.length);
      const error = relativeError(actual, expected);
      console.info(`${key} vs NumPy: max relative error ${error.toExponential(2)}`);
      expect(error).toBeLessThan(1e-4);
    }
    disposeDecoderOutputs(outputs);
    tf.dispose([clean, tokens, positions, pairs.first, pairs.second]);
    disposeModelInputs(inputs);
    params.dispose();
  });
});
