/**
 * FoldTree2's own config files, re-created from reference §5.6 (same keys, values and quirks: comments, quoted
 * strings, repeated keys, `key : value`, both weight spellings), imported to the values FoldTree2 would train with.
 */
import { describe, expect, test } from 'vitest';
import type { RunConfig } from '../protocol/run-config';
import type { ConfigWarning } from './config-messages';
import { importConfig } from './import-config';
import { defaultRunConfig } from './run-config-values';
import { runPython } from '../shared/python-reference.node';

type Changes = { [G in keyof RunConfig]?: Partial<RunConfig[G]> };

function defaultsWith(changes: Changes): RunConfig {
  const base = defaultRunConfig();
  return Object.fromEntries(
    Object.entries(base).map(([group, keys]) => [group, { ...keys, ...changes[group as keyof RunConfig] }]),
  ) as unknown as RunConfig;
}

const kindsAndKeys = (warnings: readonly ConfigWarning[]): string[] => warnings.map((w) => `${w.kind}: ${w.key}`);

/** learn_lightning, 4 GPUs with DDP (§5.6 config_multi_gpu_training.yaml). */
const MULTI_GPU = `# Multi-GPU training with learn_lightning.py (DDP), mirroring learn_monodecoder's loop
dataset: "structs_train_final.h5"
output_dir: "./models/multi_gpu_training"
run_name: "multi_gpu_muon_training"

gpus: 4            # GPUs on this node
strategy: "ddp"    # auto | ddp | ddp_spawn | dp

epochs: 1000
batch_size: 15     # per GPU: effective 15 x 4 x 1
gradient_accumulation_steps: 1
seed: 0

hidden_size: 100
num_embeddings: 40
embedding_dim: 128

use_muon_encoder: false
EMA: true
use_muon_decoders: false
hetero_gae: false

use_muon: true
muon_lr: 0.02
adamw_lr: 0.0001   # written with a dot: PyYAML would read 1e-4 as a string

mixed_precision: true
mask_plddt: true
plddt_threshold: 0.3

lr_schedule: "plateau"
lr_warmup_steps: 20
lr_warmup_ratio: 0.05   # overrides lr_warmup_steps
clip_grad: true

use_commitment_scheduling: true
commitment_cost: 0.9
commitment_schedule: "cosine_with_restart"
commitment_warmup_steps: 1000
commitment_start: 0.5

tensorboard_dir: "./runs/"
se3_transformer: false
output_fft: false
output_rt: false
`;

/** Sequence + geometry + FoldX decoders, REF weight set under learn_lightning's names (§5.6 config_all_three_decoders.yaml). */
const ALL_THREE_DECODERS = `# All three decoders: sequence transformer, geometry CNN, FoldX energies
model_name: "ft2_all_decoders"
output_dir: "./models/all_three_decoders_run/"
run_name: "all_decoders_seq_geo_foldx"
dataset: "structs_train_final.h5"
data_dir: "../../datasets/foldtree2/"
aapropcsv: null

epochs: 100
batch_size: 8
learning_rate: 0.0001
seed: 42
hidden_size: 200
num_embeddings: 40
embedding_dim: 128

EMA: true
use_commitment_scheduling: true
commitment_cost: 0.9
commitment_start: 0.1
commitment_schedule: "cosine"
commitment_warmup_steps: 5000

output_fft: false
output_rt: false
output_foldx: true
hetero_gae: false

clip_grad: true
gradient_accumulation_steps: 2
mixed_precision: true
tensor_core_precision: "high"

lr_schedule: "cosine"
lr_warmup_ratio: 0.1
lr_min: 0.000001

edge_weight: 0.25      # contacts
logit_weight: 0.25     # distogram
x_weight: 1.0          # amino acids
vq_weight: 0.1
angles_weight: 0.05
ss_weight: 0.25
fft2_weight: 0.01

mask_plddt: true
plddt_threshold: 0.3
tensorboard_dir: "./runs/"
device: null
`;

/** learn_monodecoder benchmark (§5.6 benchmark_configs): monodecoder weight names, repeated keys, early stopping. */
const BENCHMARK_20_EMBEDDINGS = `model_name: "ft2_20_embeddings"
dataset: "structs_train_final.h5"
epochs: 100
batch_size: 10
gradient_accumulation_steps: 2
use_muon: true
muon_lr: 0.02
adamw_lr: 0.0001
learning_rate: 0.0001
seed: 42
hidden_size: 200
num_embeddings: 20
embedding_dim: 128
hetero_gae: false
overwrite : false
EMA: true
use_uncertainty_weighting: true
commitment_cost: 0.90
use_commitment_scheduling: true
commitment_schedule: linear
commitment_warmup_steps: 1000
commitment_start: 0.05
output_fft: false
hetero_gae: false
clip_grad: true
gradient_accumulation_steps: 2
lr_schedule: "plateau"
lr_warmup_ratio: 0.1
edgeweight: 0.1
logitweight: 0.01
xweight: 0.1
# fft2weight = 0.01
vqweight: 0.001
angles_weight: 0.001
ss_weight: 0.1
mask_plddt: true
plddt_threshold: 0.3
early_stopping: true
early_stopping_patience: 20
`;

/** Legacy aliases and dashed keys, which learn_monodecoder maps onto its arguments. */
const LEGACY_ALIASES = `dataset_path: structs_small.h5
num_epochs: 300
random_seed: 7
scheduler_type: cosine_restarts
num-cycles: 5
warmup_steps: 500
warmup_ratio: 0.0
use_mixed_precision: false
grad-accum: 4
batch-size: 5
max_residues: 400
`;

describe('FoldTree2 repository configs', () => {
  test('config_multi_gpu_training.yaml', () => {
    const { config, warnings, foldtree2 } = importConfig(MULTI_GPU, 'config_multi_gpu_training.yaml');
    expect(foldtree2).toBe(true);
    expect(config).toStrictEqual(
      defaultsWith({
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
      }),
    );
    expect(kindsAndKeys(warnings)).toStrictEqual([
      'ignored-key: output_dir',
      'ignored-key: gpus',
      'foldtree2-difference: plddt_threshold',
      'foldtree2-difference: commitment_schedule',
      'ignored-key: tensorboard_dir',
      'foldtree2-defaults: model.preset',
      'foldtree2-defaults: max_residues, x_weight',
      'combination: lr_warmup_steps',
    ]);
    expect(warnings.every((w) => w.severity === 'info')).toBe(true);
    expect(warnings[6]?.message).toBe(
      'FoldTree2 config: keys it leaves out take the studio’s defaults, which differ from FoldTree2’s for ' +
        'max_residues → data.maxResidues = 256 (FoldTree2: null); x_weight → losses.aaWeight = 1 (FoldTree2: 5)',
    );
  });

  test('config_all_three_decoders.yaml', () => {
    const { config, warnings } = importConfig(ALL_THREE_DECODERS, 'config_all_three_decoders.yaml');
    expect(config).toStrictEqual(
      defaultsWith({
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
      }),
    );
    expect(kindsAndKeys(warnings)).toStrictEqual([
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
    ]);
    expect(warnings.find((w) => w.key === 'output_foldx')?.message).toBe(
      '"output_foldx" ignored: the studio does not build that decoder',
    );
  });

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

  test('a config PyYAML has read and saved again: exponent numbers come back as strings in JSON', () => {
    const script = [
      'import json, yaml',
      "args = yaml.safe_load('learning_rate: 1e-4\\nlr_min: 1e-6\\nadamw_lr: 3.0e-4\\ncommitment_cost: 9e-1\\nbatch_size: 12\\n')",
      'print(json.dumps({"json": json.dumps(args), "yaml": yaml.safe_dump(args)}))',
    ].join('\n');
    const saved = JSON.parse(runPython({ code: script })) as { json: string; yaml: string };
    expect(saved.json).toContain('"learning_rate": "1e-4"'); // PyYAML's quirk, reproduced by PyYAML itself
    const fromJson = importConfig(saved.json, 'saved.json');
    const fromYaml = importConfig(saved.yaml, 'saved.yaml'); // PyYAML writes the string unquoted: YAML 1.2 reads a number
    for (const { config } of [fromJson, fromYaml]) {
      expect([
        config.training.learningRate,
        config.schedule.lrMin,
        config.optimizer.adamwLr,
        config.vq.commitmentCost,
      ]).toStrictEqual([1e-4, 1e-6, 3e-4, 0.9]);
      expect(config.training.batchSize).toBe(12);
    }
    expect(kindsAndKeys(fromJson.warnings.filter((w) => w.kind === 'numeric-string'))).toStrictEqual([
      'numeric-string: learning_rate',
      'numeric-string: lr_min',
      'numeric-string: commitment_cost',
    ]);
    expect(fromYaml.warnings.filter((w) => w.kind === 'numeric-string')).toStrictEqual([]);
  });
});
