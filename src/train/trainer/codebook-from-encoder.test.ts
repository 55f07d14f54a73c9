/**
 * The encoder-started codebook: its rows are encoder outputs of real residues of the first proteins (recomputed
 * here by encoding those proteins independently), distinct where there are enough residues, the EMA state is the
 * codebook with unit cluster sizes, every rank computes the same codebook, and the first step then uses many codes
 * where FoldTree2's uniform start uses one.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { encode } from '../../model/encoder/encoder';
import { toModelInputs, disposeModelInputs } from '../../model/model-inputs';
import { CODEBOOK_PARAMETER } from '../../model/quantizer/quantizer-specs';
import { chosenResidues, CODEBOOK_INIT_PROTEINS, initialiseCodebookFromEncoder } from './codebook-from-encoder';
import type { ProteinSource } from './protein-source';
import { sampleSource, smallRunConfig } from './testing-sample-source.node';
import { Trainer } from './trainer';

let source: ProteinSource;
beforeAll(async () => {
  await tf.setBackend('cpu');
  source = await sampleSource(10, 20);
});

const config = () => {
  const base = smallRunConfig({ model: { numEmbeddings: 16 } });
  return { ...base, vq: { ...base.vq, codebookInit: 'encoder' as const, useCommitmentScheduling: false } };
};

describe('chosenResidues', () => {
  test('distinct indices in range while there are enough, cycling only when there are not', () => {
    const picked = chosenResidues(50, 16, 4);
    expect(new Set(picked).size).toBe(16);
    expect(picked.every((k) => k >= 0 && k < 50)).toBe(true);
    expect(chosenResidues(50, 16, 4)).toEqual(picked);
    expect(chosenResidues(50, 16, 5)).not.toEqual(picked);
    expect(chosenResidues(3, 5, 1).slice(3)).toEqual(chosenResidues(3, 5, 1).slice(0, 2));
    expect(() => chosenResidues(0, 4, 1)).toThrow(/no residue/);
  });
});

describe('initialiseCodebookFromEncoder', () => {
  test('every code is the encoder output of a real residue of the first proteins; EMA starts from it; ranks agree', async () => {
    const run = config();
    const rank0 = new Trainer(run, source, { rank: 0, worldSize: 2, lossScaling: false });
    const rank1 = new Trainer(run, source, { rank: 1, worldSize: 2, lossScaling: false });
    try {
      const before = tf.memory().numTensors;
      const residues = await initialiseCodebookFromEncoder(rank0.parts, source, run.data.maxResidues, run.data.seed);
      expect(tf.memory().numTensors).toBe(before);
      await initialiseCodebookFromEncoder(rank1.parts, source, run.data.maxResidues, run.data.seed);
      const codebook = Array.from(await rank0.parts.params.get(CODEBOOK_PARAMETER).data());
      expect(Array.from(await rank1.parts.params.get(CODEBOOK_PARAMETER).data())).toEqual(codebook);

      // The same proteins encoded here, outside the function: every code must be one of their real rows.
      const { codes: K, embeddingDim: D } = rank0.parts.modelConfig.quantizer;
      const { batch } = source.readBatch(source.proteinIds.slice(0, CODEBOOK_INIT_PROTEINS), {
        maxLength: run.data.maxResidues ?? Infinity,
        seed: run.data.seed,
        epoch: 0,
      });
      if (!batch) throw new Error('no batch');
      const inputs = toModelInputs(batch);
      const z = encode(rank0.parts.params, rank0.parts.modelConfig.encoder, inputs, {
        training: false,
        seed: run.data.seed,
        step: 0,
        rank: 0,
      });
      const rows = await z.array();
      const mask = await inputs.mask.array();
      z.dispose();
      disposeModelInputs(inputs);
      const real = rows.flatMap((protein, b) => protein.filter((_, l) => (mask[b]?.[l] ?? 0) > 0));
      expect(real.length).toBe(residues);
      const matches = Array.from({ length: K }, (_, k) =>
        real.findIndex((row) =>
          row.every((v, d) => Math.abs(v - (codebook[k * D + d] ?? NaN)) <= 1e-6 * Math.max(1, Math.abs(v))),
        ),
      );
      expect(matches.every((index) => index >= 0)).toBe(true);
      expect(new Set(matches).size).toBe(K);

      expect(Array.from(rank0.parts.ema?.clusterSize ?? [])).toEqual(new Array(K).fill(1));
      expect(Array.from(rank0.parts.ema?.emaW ?? [])).toEqual(codebook);
    } finally {
      rank0.dispose();
      rank1.dispose();
    }
  });

  test('the first step spreads residues over many codes, where the uniform start puts them on one or two', async () => {
    const used = async (codebookInit: 'uniform' | 'encoder') => {
      const run = { ...config(), vq: { ...config().vq, codebookInit } };
      const trainer = new Trainer(run, source, { rank: 0, worldSize: 1, lossScaling: false });
      try {
        if (codebookInit === 'encoder')
          await initialiseCodebookFromEncoder(trainer.parts, source, run.data.maxResidues, run.data.seed);
        return (await trainer.step())?.usedCodes ?? NaN;
      } finally {
        trainer.dispose();
      }
    };
    const uniform = await used('uniform');
    const encoder = await used('encoder');
    console.log(`codes used at step 1 of 16: uniform start ${uniform}, encoder start ${encoder}`);
    expect(uniform).toBeLessThanOrEqual(2);
    expect(encoder).toBeGreaterThanOrEqual(6);
  });
});
