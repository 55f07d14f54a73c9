import { describe, expect, test } from 'vitest';
import { fakePoint } from '../../state/fake-metric-points.node';
import { foldTree2Scalars } from './foldtree2-tags';

const point = fakePoint(40, {
  losses: { aminoAcid: 3, edge: 0.5, logit: 2, angles: 1.5, ss: 1, vq: 0.25, fft2: 0.125 },
  total: 9.5,
  learningRates: { muon: 0.02, adamw: 3e-4 },
  gradientNorms: {
    global: 2.5,
    encoder: 1.5,
    decoder: 2,
    largest: [
      { name: 'decoder.head.weight', value: 1.25 },
      { name: 'quantizer.codebook', value: 1.0 },
      { name: 'encoder.input.mlp.0.weight', value: 0.75 },
    ],
    smallest: [
      { name: 'encoder.input.norm.bias', value: 1e-6 },
      { name: 'decoder.head.bias', value: 2e-6 },
      { name: 'encoder.head.out.2.bias', value: 3e-6 },
    ],
  },
  commitmentCost: 0.3,
  lossWeights: { aminoAcid: 1, edge: 0.25, logit: 0.25, angles: 0.05, ss: 0.25, vq: 0.1, fft2: 0.01 },
  lossScale: 256,
  skippedSteps: 2,
  perplexity: 17,
  usedCodes: 30,
  deadCodes: 4,
  stepMs: 420,
  residuesPerSecond: 1234,
  proteinsPerSecond: 9,
});

describe('foldTree2Scalars', () => {
  test('names every value as FoldTree2 does, then the studio extras', () => {
    expect(foldTree2Scalars(point).map(({ tag, value }) => [tag, value])).toEqual([
      ['Loss/AA', 3],
      ['Loss/Edge', 0.5],
      ['Loss/Logit', 2],
      ['Loss/Angles', 1.5],
      ['Loss/SS', 1],
      ['Loss/VQ', 0.25],
      ['Loss/FFT2', 0.125],
      ['Loss/Total', 8.375], // unweighted sum, as FoldTree2 logs it
      ['Learning_Rate', 3e-4],
      ['Learning_Rate/muon', 0.02],
      ['Learning_Rate/adamw', 3e-4],
      ['Training/Commitment_Cost', 0.3],
      ['Weights/X', 1],
      ['Weights/Edge', 0.25],
      ['Weights/Logit', 0.25],
      ['Weights/Angles', 0.05],
      ['Weights/SS', 0.25],
      ['Weights/VQ', 0.1],
      ['Weights/FFT2', 0.01],
      ['Gradients/Encoder_Max', 1.0], // quantizer.* is part of FoldTree2's encoder
      ['Gradients/Encoder_Min', 1e-6],
      ['Gradients/Decoder_Max', 1.25],
      ['Gradients/Decoder_Min', 2e-6],
      ['Gradients/Global', 2.5],
      ['Studio/Objective', 9.5],
      ['Studio/Gradients/Encoder', 1.5],
      ['Studio/Gradients/Decoder', 2],
      ['Studio/Perplexity', 17],
      ['Studio/Used_Codes', 30],
      ['Studio/Dead_Codes', 4],
      ['Studio/Loss_Scale', 256],
      ['Studio/Skipped_Steps', 2],
      ['Studio/Step_ms', 420],
      ['Studio/Residues_per_s', 1234],
      ['Studio/Proteins_per_s', 9],
    ]);
  });

  test('leaves out non-finite values and extremes of a part the top lists do not reach', () => {
    const skipped = fakePoint(3, {
      losses: { aminoAcid: 2, edge: Number.NaN },
      learningRates: { adamw: 1e-3 },
      gradientNorms: {
        global: Number.POSITIVE_INFINITY,
        encoder: Number.NaN,
        decoder: 1,
        largest: [
          { name: 'encoder.a', value: Number.NaN },
          { name: 'decoder.b', value: 4 },
        ],
        smallest: [
          { name: 'decoder.c', value: 0.5 },
          { name: 'other.scale', value: 0.1 },
        ],
      },
      lossScale: 1e39, // finite as a double, ±Infinity as the float32 TensorBoard stores
    });
    const tags = new Map(foldTree2Scalars(skipped).map(({ tag, value }) => [tag, value]));
    expect(tags.get('Loss/AA')).toBe(2);
    for (const gone of [
      'Loss/Edge',
      'Loss/Total',
      'Gradients/Global',
      'Gradients/Encoder_Max',
      'Gradients/Encoder_Min',
      'Studio/Gradients/Encoder',
      'Studio/Loss_Scale',
      'Learning_Rate/muon',
    ]) {
      expect(tags.has(gone), gone).toBe(false);
    }
    expect(tags.get('Gradients/Decoder_Max')).toBe(4);
    expect(tags.get('Gradients/Decoder_Min')).toBe(0.5);
    expect(tags.get('Learning_Rate')).toBe(1e-3);
    expect([...tags.values()].every(Number.isFinite)).toBe(true);
  });
});
