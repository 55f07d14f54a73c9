import { describe, expect, test } from 'vitest';
import type { RunConfig } from '../protocol/run-config';
import { checkRunConfig } from './check-run-config';
import { knownSpellings, lookupKey } from './key-index';
import { CONFIG_GROUPS, defaultRunConfig, leafOf, SCHEMA_ROWS } from './run-config-values';
import { runPython } from '../shared/python-reference.node';

/** The target feature list (FoldTree2 learn_lightning at REF) and the studio's documented choices, by hand. */
const EXPECTED_DEFAULTS: RunConfig = {
  data: { dataset: 'sample/sample-structs.h5', maxResidues: 256, seed: 0 },
  model: {
    preset: 'teaching',
    hiddenSize: null,
    embeddingDim: null,
    numEmbeddings: null,
    encoderLayers: null,
    encoderHeads: null,
    decoderLayers: null,
    decoderHeads: null,
    decoderFeedForward: null,
    encoderDropout: null,
    decoderDropout: null,
  },
  decoders: { outputFft: false, useGeometryTransformer: true, useGeometryCnn: true },
  training: {
    epochs: 100,
    batchSize: 20,
    gradientAccumulationSteps: 1,
    learningRate: 1e-4,
    clipGrad: false,
    clipGradMaxNorm: 1,
    clipGradMode: 'separate',
    workers: 0,
    strategy: 'ddp',
    lrScaling: 'none',
    backend: 'auto',
    maxSteps: 0,
    checksumEvery: 50,
    trainerTimeoutS: 120,
  },
  optimizer: {
    useMuon: false,
    useMuonEncoder: true,
    useMuonDecoders: true,
    muonLr: 0.02,
    muonMomentum: 0.95,
    muonWeightDecay: 0.01,
    adamwLr: 3e-4,
    adamwBetas: [0.9, 0.95],
    adamwEps: 1e-10,
    adamwWeightDecay: 0.01,
    weightDecay: 1e-6,
    betas: [0.9, 0.999],
    eps: 1e-8,
  },
  schedule: {
    lrSchedule: 'plateau',
    lrWarmupSteps: 0,
    lrWarmupRatio: 0,
    lrMin: 1e-6,
    numCycles: 3,
    plateauFactor: 0.1,
    plateauPatience: 2,
  },
  vq: {
    ema: true,
    commitmentCost: 0.9,
    useCommitmentScheduling: false,
    commitmentSchedule: 'cosine',
    commitmentWarmupSteps: 5000,
    commitmentStart: 0.1,
    codebookInit: 'uniform',
  },
  precision: { mixedPrecision: true, lossScaleInit: 65536, lossScaleGrowthInterval: 2000 },
  masking: { maskPlddt: false, plddtThreshold: 0.3 },
  losses: {
    edgeWeight: 0.25,
    logitWeight: 0.25,
    aaWeight: 1,
    fft2Weight: 0.01,
    vqWeight: 0.1,
    anglesWeight: 0.05,
    ssWeight: 0.25,
    labelSmoothing: 0,
    distanceBinEdges: [5, 12.5, 20, 27.5, 35, 42.5, 50],
  },
  logging: { runName: null, metricInterval: 1 },
};

describe('defaults', () => {
  test('equal the target feature list (loss weights, Muon/AdamW rates, commitment, schedule) and the documented choices', () => {
    expect(defaultRunConfig()).toStrictEqual(EXPECTED_DEFAULTS);
  });

  test('distogram edges are numpy.linspace(5, 50, 7) (the target list, FoldTree2 REF)', () => {
    const out = runPython({ code: 'import numpy, json; print(json.dumps(numpy.linspace(5, 50, 7).tolist()))' });
    expect(defaultRunConfig().losses.distanceBinEdges).toStrictEqual(JSON.parse(out.toString()));
  });

  test('pass their own checks, and every call returns fresh arrays', () => {
    expect(checkRunConfig(defaultRunConfig())).toStrictEqual([]);
    const a = defaultRunConfig();
    (a.optimizer.betas as number[])[0] = 0.5;
    expect(defaultRunConfig().optimizer.betas).toStrictEqual([0.9, 0.999]);
  });
});

describe('schema table', () => {
  test('declares every key once, groups in RunConfig order', () => {
    const paths = SCHEMA_ROWS.map((spec) => spec.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(CONFIG_GROUPS).toStrictEqual(Object.keys(EXPECTED_DEFAULTS));
    const leaves = Object.entries(EXPECTED_DEFAULTS).flatMap(([group, keys]) =>
      Object.keys(keys as object).map((key) => `${group}.${key}`),
    );
    expect(paths).toStrictEqual(leaves);
  });

  test('bare key names are unique, so flat files are unambiguous', () => {
    const leaves = SCHEMA_ROWS.map((spec) => leafOf(spec.path));
    expect(new Set(leaves).size).toBe(leaves.length);
  });

  test('every spelling resolves to exactly one row (the index refuses clashes when it is built)', () => {
    for (const spec of SCHEMA_ROWS) {
      for (const name of spec.ft2 ?? []) {
        const match = lookupKey(name);
        expect(match.kind === 'key' && match.spec.path).toBe(spec.path);
        const dashed = lookupKey(name.replaceAll('_', '-'));
        expect(dashed.kind === 'key' && dashed.spec.path).toBe(spec.path);
      }
    }
    expect(knownSpellings().length).toBeGreaterThan(SCHEMA_ROWS.length * 2);
  });

  test('enum defaults, FoldTree2 choices and value aliases are among the values', () => {
    for (const spec of SCHEMA_ROWS) {
      if (spec.kind !== 'enum') continue;
      expect(spec.values).toContain(spec.default);
      for (const value of spec.ft2Values ?? []) expect(spec.values).toContain(value);
      for (const target of Object.values(spec.valueAliases)) expect(spec.values).toContain(target);
    }
  });

  test('every row has a one-line description and a non-empty range', () => {
    for (const spec of SCHEMA_ROWS) {
      expect(spec.doc.length, spec.path).toBeGreaterThan(10);
      expect(spec.doc, spec.path).not.toContain('\n');
      if ('min' in spec) expect(spec.min, spec.path).toBeLessThan(spec.max);
    }
  });

  test('every FoldTree2 spelling of reference §5 is accepted', () => {
    const expected: Record<string, string> = {
      edge_weight: 'losses.edgeWeight',
      edgeweight: 'losses.edgeWeight',
      x_weight: 'losses.aaWeight',
      xweight: 'losses.aaWeight',
      lr_schedule: 'schedule.lrSchedule',
      scheduler_type: 'schedule.lrSchedule',
      lr_warmup_ratio: 'schedule.lrWarmupRatio',
      warmup_ratio: 'schedule.lrWarmupRatio',
      warmup_steps: 'schedule.lrWarmupSteps',
      num_epochs: 'training.epochs',
      random_seed: 'data.seed',
      dataset_path: 'data.dataset',
      use_mixed_precision: 'precision.mixedPrecision',
      gradient_accumulation_steps: 'training.gradientAccumulationSteps',
      'gradient-accumulation-steps': 'training.gradientAccumulationSteps',
      grad_accum: 'training.gradientAccumulationSteps',
      'grad-accum': 'training.gradientAccumulationSteps',
      EMA: 'vq.ema',
      hidden_size: 'model.hiddenSize',
      'hidden-size': 'model.hiddenSize',
      embedding_dim: 'model.embeddingDim',
      num_embeddings: 'model.numEmbeddings',
      modelPreset: 'model.preset',
    };
    for (const [spelling, path] of Object.entries(expected)) {
      const match = lookupKey(spelling);
      expect(match.kind === 'key' && match.spec.path, spelling).toBe(path);
    }
  });
});
