/**
 * learn_monodecoder's configs: a benchmark config (edgeweight/xweight names, repeated keys, early stopping) and the
 * legacy aliases and dashed flags it maps onto its arguments.
 */
import { describe, expect, test } from 'vitest';
import { BENCHMARK_20_EMBEDDINGS, kindsAndKeys, LEGACY_ALIASES } from './foldtree2-config-files.node';
import { importConfig } from './import-config';

describe('FoldTree2 learn_monodecoder configs', () => {
  test('a learn_monodecoder benchmark config (edgeweight/xweight names, repeated keys)', () => {
    const { config, warnings } = importConfig(BENCHMARK_20_EMBEDDINGS, 'config_20_embeddings.yaml');
    expect(config.losses).toMatchObject({
      edgeWeight: 0.1,
      logitWeight: 0.01,
      aaWeight: 0.1,
      vqWeight: 0.001,
      anglesWeight: 0.001,
      ssWeight: 0.1,
      fft2Weight: 0.01,
    });
    expect(config.model).toMatchObject({ preset: 'foldtree2', hiddenSize: 200, numEmbeddings: 20, embeddingDim: 128 });
    expect(config.training).toMatchObject({
      batchSize: 10,
      gradientAccumulationSteps: 2,
      learningRate: 1e-4,
      clipGrad: true,
    });
    expect(config.vq).toMatchObject({
      commitmentSchedule: 'linear',
      commitmentStart: 0.05,
      commitmentWarmupSteps: 1000,
      commitmentCost: 0.9,
    });
    expect(warnings.filter((w) => w.kind === 'duplicate-key')).toStrictEqual([]);
    expect(kindsAndKeys(warnings.filter((w) => w.kind === 'ignored-key'))).toStrictEqual([
      'ignored-key: model_name',
      'ignored-key: use_uncertainty_weighting',
      'ignored-key: early_stopping',
      'ignored-key: early_stopping_patience',
    ]);
  });

  test('legacy aliases and dashed flags (learn_monodecoder)', () => {
    const { config, warnings } = importConfig(LEGACY_ALIASES, 'legacy.yaml');
    expect(config.data).toStrictEqual({ dataset: 'structs_small.h5', maxResidues: 400, seed: 7 });
    expect(config.training).toMatchObject({ epochs: 300, gradientAccumulationSteps: 4, batchSize: 5 });
    expect(config.schedule).toMatchObject({
      lrSchedule: 'cosine_restarts',
      numCycles: 5,
      lrWarmupSteps: 500,
      lrWarmupRatio: 0,
    });
    expect(config.precision.mixedPrecision).toBe(false);
    expect(warnings.find((w) => w.key === 'max_residues')?.message).toBe(
      'max_residues (data.maxResidues): learn_monodecoder drops proteins longer than max_residues; the studio crops them instead',
    );
  });
});
