/**
 * The per-protein token request carries the codebook and the encoder outputs for the codebook map: the codebook is
 * the quantizer's parameter, there is one output row per residue, and each residue's code is the nearest code to
 * its output, recomputed here in float64 from the returned vectors alone.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { CODEBOOK_PARAMETER } from '../../model/quantizer/quantizer-specs';
import { proteinTokens } from './protein-tokens';
import { sampleSource, smallRunConfig } from '../trainer/testing-sample-source.node';
import { Trainer } from '../trainer/trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

test('tokens come with the codebook and one encoder output per residue, each nearest its own code', async () => {
  const source = await sampleSource(3, 40);
  const trainer = new Trainer(smallRunConfig(), source, { rank: 0, worldSize: 1, lossScaling: false });
  try {
    for (let k = 0; k < 2; k++) await trainer.step();
    const tokens = await proteinTokens(trainer.parts, source, source.proteinIds[1], 1);
    const vectors = tokens.vectors;
    if (!vectors) throw new Error('no vectors');
    const { codes: K, embeddingDim: D } = trainer.parts.modelConfig.quantizer;
    expect(vectors.dim).toBe(D);
    expect(vectors.codebook).toEqual(Array.from(await trainer.parts.params.get(CODEBOOK_PARAMETER).data()));
    expect(vectors.outputs.length).toBe(tokens.codes.length * D);
    const nearest = tokens.codes.map((_, r) => {
      let best = -1;
      let bestDistance = Infinity;
      for (let k = 0; k < K; k++) {
        let distance = 0;
        for (let d = 0; d < D; d++)
          distance += ((vectors.outputs[r * D + d] ?? NaN) - (vectors.codebook[k * D + d] ?? NaN)) ** 2;
        if (distance < bestDistance) [best, bestDistance] = [k, distance];
      }
      return best;
    });
    expect(tokens.codes).toEqual(nearest);
  } finally {
    trainer.dispose();
  }
});
