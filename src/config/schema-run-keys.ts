/**
 * Config rows of what a run trains on, what it builds and how it proceeds: the dataset, crop and seed; the model
 * preset and its size overrides (each `null` by default: the preset's value); which decoders exist; batches,
 * trainers and their backend, when it stops, gradient clipping; mixed precision; its name and how often it reports.
 */
import {
  CLIP_GRAD_MODES,
  LR_SCALING_MODES,
  MODEL_PRESET_NAMES,
  TRAINING_BACKENDS,
  TRAINING_STRATEGIES,
} from '../protocol/run-config';
import { BIG, POSITIVE_LR, UINT32_MAX, UNIT } from './schema-ranges';
import { bool, int, intOrNull, num, oneOf, presetInt, presetNum, str, strOrNull } from './schema-types';

export const DATA_KEYS = [
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
] as const;

export const MODEL_KEYS = [
  oneOf(
    'model.preset',
    MODEL_PRESET_NAMES,
    'teaching',
    'Model size preset (tiny: tests, teaching: minutes on a laptop GPU, foldtree2: the model FoldTree2’s learn_lightning.py builds, foldtree2-small: the same at width 40, fast in a browser)',
    { aliases: ['modelPreset'] },
  ),
  presetInt(
    'model.hiddenSize',
    { min: 1, max: 4096 },
    'Width h of the encoder graph layers and head and of every decoder',
    { ft2: ['hidden_size'], ft2Default: 256 },
  ),
  presetInt('model.embeddingDim', { min: 1, max: 4096 }, 'Token embedding width D (encoder output, codebook vectors)', {
    ft2: ['embedding_dim'],
    ft2Default: 128,
  }),
  presetInt('model.numEmbeddings', { min: 2, max: 65536 }, 'Codebook size K, the number of structural tokens', {
    ft2: ['num_embeddings'],
    ft2Default: 40,
  }),
  presetInt(
    'model.encoderLayers',
    { min: 1, max: 32 },
    'Graph-transformer layers in the encoder (FoldTree2: len(hidden_channels) − 1)',
  ),
  presetInt('model.encoderHeads', { min: 1, max: 64 }, 'Attention heads per encoder graph layer (FoldTree2 nheads)'),
  presetInt('model.decoderLayers', { min: 1, max: 32 }, 'Transformer layers of the sequence and geometry decoders'),
  presetInt(
    'model.decoderHeads',
    { min: 1, max: 64 },
    'Attention heads of the decoder transformers (the width must divide by it)',
  ),
  presetInt('model.decoderFeedForward', { min: 1, max: 65536 }, 'Feed-forward width of the decoder transformer layers'),
  presetNum('model.encoderDropout', { ...UNIT, open: 'max' }, 'Dropout probability in the encoder (training only)'),
  presetNum('model.decoderDropout', { ...UNIT, open: 'max' }, 'Dropout probability in the decoders (training only)'),
] as const;

export const DECODER_KEYS = [
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
] as const;

export const TRAINING_KEYS = [
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
] as const;

export const PRECISION_KEYS = [
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
] as const;

export const LOGGING_KEYS = [
  strOrNull('logging.runName', null, 'Name of the run; null: from the preset and the start time', {
    ft2: ['run_name'],
  }),
  int('logging.metricInterval', 1, { min: 1, max: BIG }, 'Optimizer steps between two metric points'),
] as const;
