/**
 * FoldTree2's own config files, re-created from reference §5.6 (same keys, values and quirks: comments, quoted
 * strings, repeated keys, `key : value`, both weight spellings), for the tests that import them; and how those tests
 * read an import's warnings.
 */
import type { ConfigWarning } from './config-messages';

/** Each warning as `kind: key`, in order. */
export const kindsAndKeys = (warnings: readonly ConfigWarning[]): string[] =>
  warnings.map((w) => `${w.kind}: ${w.key}`);

/** learn_lightning, 4 GPUs with DDP (§5.6 config_multi_gpu_training.yaml). */
export const MULTI_GPU = `# Multi-GPU training with learn_lightning.py (DDP), mirroring learn_monodecoder's loop
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
export const ALL_THREE_DECODERS = `# All three decoders: sequence transformer, geometry CNN, FoldX energies
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
export const BENCHMARK_20_EMBEDDINGS = `model_name: "ft2_20_embeddings"
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
export const LEGACY_ALIASES = `dataset_path: structs_small.h5
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
