/**
 * THE config table: every `RunConfig` key once, with its type, default, range, a one-line description and its
 * FoldTree2 spellings (argparse dest names and legacy aliases). Defaults follow the target feature list
 * (FoldTree2's learn_lightning at REF `1ec7741`): weights edge 0.25, logit 0.25, x 1, fft2 0.01, vq 0.1,
 * angles 0.05, ss 0.25; Muon 0.02 / AdamW 3e-4; commitment 0.1 → 0.9 over 5000 steps. Where we differ from
 * FoldTree2's default, `ft2Default` says so and `docs/config.md` shows it. Edit this file, then run
 * `npx tsx src/config/write-config-doc.node.ts` to regenerate the doc.
 */
import {
  CLIP_GRAD_MODES,
  CODEBOOK_INITS,
  COMMITMENT_SCHEDULES,
  LR_SCALING_MODES,
  LR_SCHEDULES,
  MODEL_PRESET_NAMES,
  TRAINING_BACKENDS,
  TRAINING_STRATEGIES,
} from '../protocol/run-config';
import { bool, int, intOrNull, num, numOrNull, nums, oneOf, str, strOrNull, type ConfigPath } from './schema-types';

const BIG = 1e9;
const UINT32_MAX = 4294967295;
const UNIT = { min: 0, max: 1 } as const;
const POSITIVE_LR = { min: 0, max: 10, open: 'min' } as const;
const WEIGHT = { min: 0, max: 1000 } as const;
const BETA = { min: 0, max: 1, open: 'max', length: 2 } as const;

/** numpy.linspace(start, stop, n): the distogram edges are linspace(5, 50, 7) Å (FoldTree2 REF, the target list; HEAD 2–21). */
function linspace(start: number, stop: number, n: number): number[] {
  const step = (stop - start) / (n - 1);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? stop : start + i * step));
}

export const CONFIG_SCHEMA = [
  // data
  str(
    'data.dataset',
    'sample/sample-structs.h5',
    'HDF5 dataset: the bundled sample or the name of a file picked in the studio',
    { ft2: ['dataset', 'dataset_path'] },
  ),
  intOrNull(
    'data.maxResidues',
    256,
    { min: 8, max: BIG },
    'Crop length in residues: a longer chain trains on a random window, moved every epoch; null keeps whole chains',
    {
      ft2: ['max_residues'],
      ft2Lightning: false,
      ft2Default: null,
      ft2Note: 'learn_monodecoder drops proteins longer than max_residues; the studio crops them instead',
    },
  ),
  int(
    'data.seed',
    0,
    { min: 0, max: UINT32_MAX },
    'Seed of every random source (epoch order, crops, initialisation, dropout), keyed by worker rank',
    { ft2: ['seed', 'random_seed'] },
  ),
  // model: a preset plus overrides (null = the preset's value)
  oneOf(
    'model.preset',
    MODEL_PRESET_NAMES,
    'teaching',
    'Model size preset (tiny: tests, teaching: minutes on a laptop GPU, foldtree2: the model FoldTree2’s learn_lightning.py builds, foldtree2-small: the same at width 40, fast in a browser)',
    { aliases: ['modelPreset'] },
  ),
  intOrNull(
    'model.hiddenSize',
    null,
    { min: 1, max: 4096 },
    'Width h of the encoder graph layers and head and of every decoder; null: the preset’s',
    { ft2: ['hidden_size'], ft2Default: 256 },
  ),
  intOrNull(
    'model.embeddingDim',
    null,
    { min: 1, max: 4096 },
    'Token embedding width D (encoder output, codebook vectors); null: the preset’s',
    { ft2: ['embedding_dim'], ft2Default: 128 },
  ),
  intOrNull(
    'model.numEmbeddings',
    null,
    { min: 2, max: 65536 },
    'Codebook size K, the number of structural tokens; null: the preset’s',
    { ft2: ['num_embeddings'], ft2Default: 40 },
  ),
  intOrNull(
    'model.encoderLayers',
    null,
    { min: 1, max: 32 },
    'Graph-transformer layers in the encoder (FoldTree2: len(hidden_channels) − 1); null: the preset’s',
  ),
  intOrNull(
    'model.encoderHeads',
    null,
    { min: 1, max: 64 },
    'Attention heads per encoder graph layer (FoldTree2 nheads); null: the preset’s',
  ),
  intOrNull(
    'model.decoderLayers',
    null,
    { min: 1, max: 32 },
    'Transformer layers of the sequence and geometry decoders; null: the preset’s',
  ),
  intOrNull(
    'model.decoderHeads',
    null,
    { min: 1, max: 64 },
    'Attention heads of the decoder transformers (the width must divide by it); null: the preset’s',
  ),
  intOrNull(
    'model.decoderFeedForward',
    null,
    { min: 1, max: 65536 },
    'Feed-forward width of the decoder transformer layers; null: the preset’s',
  ),
  numOrNull(
    'model.encoderDropout',
    null,
    { ...UNIT, open: 'max' },
    'Dropout probability in the encoder (training only); null: the preset’s',
  ),
  numOrNull(
    'model.decoderDropout',
    null,
    { ...UNIT, open: 'max' },
    'Dropout probability in the decoders (training only); null: the preset’s',
  ),
  // decoders
  bool(
    'decoders.outputFft',
    false,
    'Build the FFT2 head (2-D Fourier coefficients per protein); without it fft2Weight has no effect',
    { ft2: ['output_fft'] },
  ),
  bool(
    'decoders.useGeometryTransformer',
    true,
    'Build the geometry transformer decoder (secondary structure, torsion angles)',
    { ft2: ['use_geometry_transformer'] },
  ),
  bool('decoders.useGeometryCnn', true, 'Build the contact decoder (contact probabilities, distogram logits)', {
    ft2: ['use_geometry_cnn'],
  }),
  // training
  int('training.epochs', 100, { min: 1, max: BIG }, 'Passes over the training set', { ft2: ['epochs', 'num_epochs'] }),
  int(
    'training.batchSize',
    20,
    { min: 1, max: 4096 },
    'Proteins per micro-batch per worker; effective batch = batchSize × workers × gradientAccumulationSteps',
    { ft2: ['batch_size'] },
  ),
  int(
    'training.gradientAccumulationSteps',
    1,
    { min: 1, max: 4096 },
    'Micro-batches whose gradients are summed into one optimizer step',
    { ft2: ['gradient_accumulation_steps', 'grad_accum'] },
  ),
  num('training.learningRate', 1e-4, POSITIVE_LR, 'AdamW learning rate when Muon is off', { ft2: ['learning_rate'] }),
  bool('training.clipGrad', false, 'Clip gradient norms before each optimizer step', { ft2: ['clip_grad'] }),
  num(
    'training.clipGradMaxNorm',
    1,
    { min: 0, max: BIG, open: 'min' },
    'Largest gradient L2 norm when clipping (FoldTree2 hard-codes 1.0)',
  ),
  oneOf(
    'training.clipGradMode',
    CLIP_GRAD_MODES,
    'separate',
    'separate: encoder and decoders each clipped to the max norm (FoldTree2 manual loop); joint: one norm over all parameters (Lightning)',
  ),
  int(
    'training.workers',
    0,
    { min: 0, max: 8 },
    'Data-parallel trainers (1–8), each with its own device and a shard of every epoch; 0: auto, chosen from the backend and the CPU cores',
  ),
  oneOf(
    'training.strategy',
    TRAINING_STRATEGIES,
    'ddp',
    'ddp: every worker steps its replica on all-reduced gradients; dp: the coordinator steps and broadcasts weights; single: one worker',
    {
      ft2: ['strategy'],
      ft2Values: ['ddp', 'dp'],
      valueAliases: { auto: 'ddp', ddp_spawn: 'ddp', fsdp: 'ddp', deepspeed: 'ddp', ddp_sharded: 'ddp' },
    },
  ),
  oneOf(
    'training.lrScaling',
    LR_SCALING_MODES,
    'none',
    'Base learning rates grow with the trainer count: linear × trainers, sqrt × √trainers (large-batch rules), none unchanged; lrMin scales alike',
  ),
  oneOf(
    'training.backend',
    TRAINING_BACKENDS,
    'auto',
    'tfjs backend of every trainer. auto: WebGPU on a hardware adapter, else WebAssembly (never a software adapter such as SwiftShader, slower than WebAssembly); webgpu: refuse to start without an adapter; wasm, cpu: WebAssembly or plain JavaScript on the CPU (to compare speed, or to keep the GPU free)',
  ),
  int(
    'training.maxSteps',
    0,
    { min: 0, max: BIG },
    'Stop after this many optimizer steps (the LR schedules span them); 0: run every epoch',
  ),
  int(
    'training.checksumEvery',
    50,
    { min: 0, max: BIG },
    'Optimizer steps between weight checksums compared across trainer replicas; 0: never',
  ),
  num(
    'training.trainerTimeoutS',
    120,
    { min: 0, max: 86400, open: 'min' },
    'Seconds a trainer may take for one step before the run pauses and names it',
  ),
  // optimizer
  bool(
    'optimizer.useMuon',
    false,
    'Muon for the hidden weight matrices, AdamW with the adamwLr/adamwBetas/… settings for the rest',
    { ft2: ['use_muon'] },
  ),
  bool(
    'optimizer.useMuonEncoder',
    true,
    'With Muon: the encoder’s hidden matrices use Muon (false: the whole encoder uses the AdamW side)',
  ),
  bool(
    'optimizer.useMuonDecoders',
    true,
    'With Muon: the decoders’ hidden matrices use Muon (false: the decoders use the AdamW side)',
  ),
  num('optimizer.muonLr', 0.02, POSITIVE_LR, 'Muon learning rate', { ft2: ['muon_lr'] }),
  num('optimizer.muonMomentum', 0.95, { ...UNIT, open: 'max' }, 'Muon (Nesterov) momentum'),
  num('optimizer.muonWeightDecay', 0.01, UNIT, 'Muon decoupled weight decay (per unit learning rate)'),
  num('optimizer.adamwLr', 3e-4, POSITIVE_LR, 'Learning rate of the AdamW side of Muon', { ft2: ['adamw_lr'] }),
  nums('optimizer.adamwBetas', [0.9, 0.95], BETA, 'Adam betas (β1, β2) of the AdamW side of Muon'),
  num('optimizer.adamwEps', 1e-10, { ...UNIT, open: 'min' }, 'Adam epsilon of the AdamW side of Muon'),
  num('optimizer.adamwWeightDecay', 0.01, UNIT, 'Decoupled weight decay of the AdamW side of Muon'),
  num('optimizer.weightDecay', 1e-6, UNIT, 'Decoupled weight decay of plain AdamW (Muon off)'),
  nums('optimizer.betas', [0.9, 0.999], BETA, 'Adam betas (β1, β2) of plain AdamW (Muon off)'),
  num('optimizer.eps', 1e-8, { ...UNIT, open: 'min' }, 'Adam epsilon of plain AdamW (Muon off)'),
  // LR schedule
  oneOf(
    'schedule.lrSchedule',
    LR_SCHEDULES,
    'plateau',
    'Learning-rate schedule over optimizer steps (plateau: per epoch, on the training loss)',
    { ft2: ['lr_schedule', 'scheduler_type'] },
  ),
  int('schedule.lrWarmupSteps', 0, { min: 0, max: BIG }, 'Linear warm-up from 0 over this many optimizer steps', {
    ft2: ['lr_warmup_steps', 'warmup_steps'],
  }),
  num(
    'schedule.lrWarmupRatio',
    0,
    { ...UNIT, open: 'max' },
    'Warm-up as a fraction of all optimizer steps; overrides lrWarmupSteps when > 0',
    { ft2: ['lr_warmup_ratio', 'warmup_ratio'] },
  ),
  num(
    'schedule.lrMin',
    1e-6,
    { min: 0, max: 10 },
    'Floor of the decaying schedules (cosine, linear, cosine_restarts, polynomial)',
    {
      ft2: ['lr_min'],
      ft2Note: 'FoldTree2 accepts lr_min but never uses it (its schedules decay to 0)',
    },
  ),
  int('schedule.numCycles', 3, { min: 1, max: 10000 }, 'Restarts of cosine_restarts over the run', {
    ft2: ['num_cycles'],
  }),
  num(
    'schedule.plateauFactor',
    0.1,
    { ...UNIT, open: 'both' },
    'plateau: factor applied to the learning rate when the loss stalls',
  ),
  int(
    'schedule.plateauPatience',
    2,
    { min: 0, max: 10000 },
    'plateau: epochs without improvement before the learning rate drops',
  ),
  // vector quantizer
  bool('vq.ema', true, 'EMA codebook updates (decay 0.99) instead of a codebook trained by gradient', {
    ft2: ['EMA'],
    ft2Default: false,
  }),
  num(
    'vq.commitmentCost',
    0.9,
    { min: 0, max: 100 },
    'Commitment cost β of the VQ loss (the end value when scheduled)',
    { ft2: ['commitment_cost'] },
  ),
  bool(
    'vq.useCommitmentScheduling',
    false,
    'Move β from commitmentStart to commitmentCost over commitmentWarmupSteps',
    { ft2: ['use_commitment_scheduling'] },
  ),
  oneOf(
    'vq.commitmentSchedule',
    COMMITMENT_SCHEDULES,
    'cosine',
    'Shape of the commitment warm-up (cosine_with_restart: 5 cosine ramps within the warm-up)',
    {
      ft2: ['commitment_schedule'],
      ft2Note: 'FoldTree2 ignores commitment_schedule and hard-codes one per script; the studio follows it',
    },
  ),
  int('vq.commitmentWarmupSteps', 5000, { min: 0, max: BIG }, 'Length of the commitment warm-up in steps', {
    ft2: ['commitment_warmup_steps'],
  }),
  num('vq.commitmentStart', 0.1, { min: 0, max: 100 }, 'Commitment cost β at step 0 when scheduled', {
    ft2: ['commitment_start'],
  }),
  oneOf(
    'vq.codebookInit',
    CODEBOOK_INITS,
    'uniform',
    'Codebook at the start of a new run. uniform: U(−1/K, 1/K) as FoldTree2 (encoder outputs start far from most codes, so few are ever used); encoder: K encoder outputs of the dataset’s first proteins under the initial weights, so every code starts among the data',
  ),
  // precision
  bool(
    'precision.mixedPrecision',
    true,
    'f16 matMuls with f32 accumulation and dynamic loss scaling where the adapter has shader-f16; f32 elsewhere',
    { ft2: ['mixed_precision', 'use_mixed_precision'] },
  ),
  num(
    'precision.lossScaleInit',
    65536,
    { min: 1, max: 2 ** 24 },
    'Initial loss scale of the dynamic loss scaler (mixed precision only)',
  ),
  int(
    'precision.lossScaleGrowthInterval',
    2000,
    { min: 1, max: BIG },
    'Overflow-free steps before the loss scale doubles',
  ),
  // pLDDT masking
  bool(
    'masking.maskPlddt',
    false,
    'Leave residues below plddtThreshold out of the masked losses (contacts, distogram, angles, SS)',
    { ft2: ['mask_plddt'] },
  ),
  num('masking.plddtThreshold', 0.3, UNIT, 'pLDDT threshold (0–1) for maskPlddt', {
    ft2: ['plddt_threshold'],
    ft2Note:
      'FoldTree2 applies plddt_threshold to the SS loss only and a fixed 0.3 elsewhere; the studio applies it everywhere',
  }),
  // losses
  num('losses.edgeWeight', 0.25, WEIGHT, 'Weight of the binary contact loss', { ft2: ['edge_weight', 'edgeweight'] }),
  num('losses.logitWeight', 0.25, WEIGHT, 'Weight of the 8-bin distogram cross-entropy', {
    ft2: ['logit_weight', 'logitweight'],
  }),
  num('losses.aaWeight', 1, WEIGHT, 'Weight of the amino-acid reconstruction loss (FoldTree2’s "x")', {
    ft2: ['x_weight', 'xweight'],
    ft2Default: 5,
  }),
  num('losses.fft2Weight', 0.01, WEIGHT, 'Weight of the FFT2 loss (needs outputFft)', {
    ft2: ['fft2_weight', 'fft2weight'],
  }),
  num('losses.vqWeight', 0.1, WEIGHT, 'Weight of the vector-quantizer loss', { ft2: ['vq_weight', 'vqweight'] }),
  num('losses.anglesWeight', 0.05, WEIGHT, 'Weight of the torsion-angle loss', { ft2: ['angles_weight'] }),
  num('losses.ssWeight', 0.25, WEIGHT, 'Weight of the secondary-structure loss', { ft2: ['ss_weight'] }),
  num(
    'losses.labelSmoothing',
    0,
    { ...UNIT, open: 'max' },
    'Label smoothing of the amino-acid cross-entropy (FoldTree2 REF and the target list 0, HEAD 0.1)',
  ),
  nums(
    'losses.distanceBinEdges',
    linspace(5, 50, 7),
    { min: 0, max: 1000, open: 'min', length: 7, increasing: true },
    'Distogram bin edges in Å: 7 edges, 8 bins (target list and FoldTree2 REF linspace(5, 50, 7); HEAD 2–21)',
  ),
  // logging
  strOrNull('logging.runName', null, 'Name of the run; null: from the preset and the start time', {
    ft2: ['run_name'],
  }),
  int('logging.metricInterval', 1, { min: 1, max: BIG }, 'Optimizer steps between two metric points'),
] as const;

export type SchemaEntry = (typeof CONFIG_SCHEMA)[number];

/** Compile-time completeness: this fails to type-check if a `RunConfig` key has no row. */
type MissingPaths = Exclude<ConfigPath, SchemaEntry['path']>;
export const SCHEMA_IS_COMPLETE: [MissingPaths] extends [never] ? true : MissingPaths = true;
