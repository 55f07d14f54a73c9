/**
 * FoldTree2's learn_lightning repository configs (§5.6) imported to the values FoldTree2 would train with, and the
 * warnings that say what the studio ignores or does differently, in file order.
 */
import { describe, expect, test } from 'vitest';
import type { RunConfig } from '../protocol/run-config';
import { ALL_THREE_DECODERS, kindsAndKeys, MULTI_GPU } from './foldtree2-config-files.node';
import { importConfig } from './import-config';
import { defaultRunConfig } from './run-config-values';

type Changes = { [G in keyof RunConfig]?: Partial<RunConfig[G]> };

function defaultsWith(changes: Changes): RunConfig {
  const base = defaultRunConfig();
  return Object.fromEntries(
    Object.entries(base).map(([group, keys]) => [group, { ...keys, ...changes[group as keyof RunConfig] }]),
  ) as unknown as RunConfig;
}

/** Each file, the keys it changes from the studio's defaults, and its warnings as `kind: key`. */
const REPOSITORY_CONFIGS: readonly {
  readonly file: string;
  readonly text: string;
  readonly changes: Changes;
  readonly warnings: readonly string[];
}[] = [
  {
    file: 'config_multi_gpu_training.yaml',
    text: MULTI_GPU,
    changes: {
      data: { dataset: 'structs_train_final.h5', seed: 0 },
      model: { preset: 'foldtree2', hiddenSize: 100, numEmbeddings: 40, embeddingDim: 128 },
      training: { epochs: 1000, batchSize: 15, gradientAccumulationSteps: 1, clipGrad: true, strategy: 'ddp' },
      optimizer: { useMuon: true, muonLr: 0.02, adamwLr: 1e-4 },
      schedule: { lrSchedule: 'plateau', lrWarmupSteps: 20, lrWarmupRatio: 0.05 },
      vq: {
        ema: true,
        useCommitmentScheduling: true,
        commitmentCost: 0.9,
        commitmentSchedule: 'cosine_with_restart',
        commitmentWarmupSteps: 1000,
        commitmentStart: 0.5,
      },
      precision: { mixedPrecision: true },
      masking: { maskPlddt: true, plddtThreshold: 0.3 },
      decoders: { outputFft: false },
      logging: { runName: 'multi_gpu_muon_training' },
    },
    warnings: [
      'ignored-key: output_dir',
      'ignored-key: gpus',
      'foldtree2-difference: plddt_threshold',
      'foldtree2-difference: commitment_schedule',
      'ignored-key: tensorboard_dir',
      'foldtree2-defaults: model.preset',
      'foldtree2-defaults: max_residues, x_weight',
      'combination: lr_warmup_steps',
    ],
  },
  {
    file: 'config_all_three_decoders.yaml',
    text: ALL_THREE_DECODERS,
    changes: {
      data: { dataset: 'structs_train_final.h5', seed: 42 },
      model: { preset: 'foldtree2', hiddenSize: 200, numEmbeddings: 40, embeddingDim: 128 },
      training: { epochs: 100, batchSize: 8, learningRate: 1e-4, gradientAccumulationSteps: 2, clipGrad: true },
      schedule: { lrSchedule: 'cosine', lrWarmupRatio: 0.1, lrMin: 1e-6 },
      vq: {
        ema: true,
        useCommitmentScheduling: true,
        commitmentCost: 0.9,
        commitmentStart: 0.1,
        commitmentSchedule: 'cosine',
        commitmentWarmupSteps: 5000,
      },
      losses: {
        ...defaultRunConfig().losses,
        edgeWeight: 0.25,
        logitWeight: 0.25,
        aaWeight: 1,
        vqWeight: 0.1,
        anglesWeight: 0.05,
        ssWeight: 0.25,
        fft2Weight: 0.01,
      },
      masking: { maskPlddt: true, plddtThreshold: 0.3 },
      logging: { runName: 'all_decoders_seq_geo_foldx' },
    },
    warnings: [
      'ignored-key: model_name',
      'ignored-key: output_dir',
      'ignored-key: data_dir',
      'foldtree2-difference: commitment_schedule',
      'ignored-key: output_foldx',
      'ignored-key: tensor_core_precision',
      'foldtree2-difference: lr_min',
      'foldtree2-difference: plddt_threshold',
      'ignored-key: tensorboard_dir',
      'foldtree2-defaults: model.preset',
      'foldtree2-defaults: max_residues',
    ],
  },
];

describe('FoldTree2 learn_lightning repository configs', () => {
  test.each(REPOSITORY_CONFIGS)('$file', ({ file, text, changes, warnings }) => {
    const imported = importConfig(text, file);
    expect(imported.foldtree2).toBe(true);
    expect(imported.config).toStrictEqual(defaultsWith(changes));
    expect(kindsAndKeys(imported.warnings)).toStrictEqual(warnings);
  });

  test('config_multi_gpu_training.yaml: every warning is information, the left-out keys named with both defaults', () => {
    const { warnings } = importConfig(MULTI_GPU, 'config_multi_gpu_training.yaml');
    expect(warnings.every((w) => w.severity === 'info')).toBe(true);
    expect(warnings.find((w) => w.key === 'max_residues, x_weight')?.message).toBe(
      'FoldTree2 config: keys it leaves out take the studio’s defaults, which differ from FoldTree2’s for ' +
        'max_residues → data.maxResidues = 256 (FoldTree2: null); x_weight → losses.aaWeight = 1 (FoldTree2: 5)',
    );
  });

  test('config_all_three_decoders.yaml: the FoldX decoder is named as one the studio does not build', () => {
    const { warnings } = importConfig(ALL_THREE_DECODERS, 'config_all_three_decoders.yaml');
    expect(warnings.find((w) => w.key === 'output_foldx')?.message).toBe(
      '"output_foldx" ignored: the studio does not build that decoder',
    );
  });
});
