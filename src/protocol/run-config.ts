/**
 * A training run as plain, serialisable data: every hyper-parameter the studio reads, grouped by concern.
 * One documented default per key lives in `src/config/schema.ts` (the only place keys are declared with their
 * types, ranges and FoldTree2 spellings); `docs/config.md` is generated from that table. Values are JSON-safe:
 * numbers, booleans, strings, `null` and arrays of numbers, so a config crosses threads with `postMessage`,
 * round-trips through YAML/JSON, and is stored unchanged in checkpoints.
 */

/** Enumerated values, defined once; the schema and every registry read them from here. */
export const MODEL_PRESET_NAMES = ['tiny', 'teaching', 'foldtree2', 'foldtree2-small'] as const;
export const TRAINING_STRATEGIES = ['ddp', 'dp', 'single'] as const;
export const CLIP_GRAD_MODES = ['separate', 'joint'] as const;
export const LR_SCALING_MODES = ['none', 'linear', 'sqrt'] as const;
export const TRAINING_BACKENDS = ['auto', 'webgpu', 'wasm', 'cpu'] as const;
/** FoldTree2's `--lr-schedule` choices spelled as its CLI spells them, so its YAML maps onto them without a table. */
export const LR_SCHEDULES = ['plateau', 'cosine', 'linear', 'cosine_restarts', 'polynomial', 'none'] as const;
export const COMMITMENT_SCHEDULES = ['cosine', 'linear', 'cosine_with_restart', 'none'] as const;
export const CODEBOOK_INITS = ['uniform', 'encoder'] as const;

export type ModelPresetChoice = (typeof MODEL_PRESET_NAMES)[number];
export type TrainingStrategy = (typeof TRAINING_STRATEGIES)[number];
export type ClipGradMode = (typeof CLIP_GRAD_MODES)[number];
export type LrScalingMode = (typeof LR_SCALING_MODES)[number];
export type TrainingBackendChoice = (typeof TRAINING_BACKENDS)[number];
export type LrScheduleName = (typeof LR_SCHEDULES)[number];
export type CommitmentScheduleName = (typeof COMMITMENT_SCHEDULES)[number];
export type CodebookInit = (typeof CODEBOOK_INITS)[number];

/** Narrows a string from a config file or the UI to a learning-rate schedule name. */
export function isLrScheduleName(value: unknown): value is LrScheduleName {
  return typeof value === 'string' && (LR_SCHEDULES as readonly string[]).includes(value);
}

export interface DataConfig {
  /** Dataset to train on: the bundled sample's path or the name of a file the user picked. */
  readonly dataset: string;
  /** Crop length in residues (a random window per protein and epoch); `null` keeps whole chains. */
  readonly maxResidues: number | null;
  /** Seed of every random source of the run (shuffling, crops, initialisation, dropout), keyed by worker rank. */
  readonly seed: number;
}

/**
 * The model as a preset plus explicit overrides; `null` means "the preset's value". Converting this to a
 * `ModelConfig` is the train folder's job (docs/config.md, "Model mapping").
 */
export interface ModelChoice {
  readonly preset: ModelPresetChoice;
  readonly hiddenSize: number | null;
  readonly embeddingDim: number | null;
  readonly numEmbeddings: number | null;
  readonly encoderLayers: number | null;
  readonly encoderHeads: number | null;
  readonly decoderLayers: number | null;
  readonly decoderHeads: number | null;
  readonly decoderFeedForward: number | null;
  readonly encoderDropout: number | null;
  readonly decoderDropout: number | null;
}

/** Which decoders exist (the sequence decoder always does). */
export interface DecoderSwitches {
  readonly outputFft: boolean;
  readonly useGeometryTransformer: boolean;
  readonly useGeometryCnn: boolean;
}

export interface TrainingConfig {
  readonly epochs: number;
  /** Proteins per micro-batch per trainer. Effective batch = batchSize × trainers (workers, or the auto count) × gradientAccumulationSteps. */
  readonly batchSize: number;
  readonly gradientAccumulationSteps: number;
  /** AdamW learning rate when Muon is off. */
  readonly learningRate: number;
  readonly clipGrad: boolean;
  readonly clipGradMaxNorm: number;
  readonly clipGradMode: ClipGradMode;
  /** Data-parallel trainer workers, 1–8; 0 = auto (chosen from the device and the CPU cores when the run starts). */
  readonly workers: number;
  readonly strategy: TrainingStrategy;
  /** Base learning rates × trainers (`linear`), × √trainers (`sqrt`) or unchanged (`none`). */
  readonly lrScaling: LrScalingMode;
  /** The tfjs backend every trainer runs on; `auto`: WebGPU where the browser has an adapter, else WebAssembly. */
  readonly backend: TrainingBackendChoice;
  /** Optimizer steps after which the run finishes; 0: every epoch. */
  readonly maxSteps: number;
  /** Optimizer steps between weight checksums compared across replicas; 0 = never. */
  readonly checksumEvery: number;
  /** Seconds a trainer may take for one step before the run pauses and names it. */
  readonly trainerTimeoutS: number;
}

export interface OptimizerConfig {
  readonly useMuon: boolean;
  readonly useMuonEncoder: boolean;
  readonly useMuonDecoders: boolean;
  readonly muonLr: number;
  readonly muonMomentum: number;
  readonly muonWeightDecay: number;
  /** The AdamW side of Muon (everything Muon does not take). */
  readonly adamwLr: number;
  readonly adamwBetas: readonly number[];
  readonly adamwEps: number;
  readonly adamwWeightDecay: number;
  /** Plain AdamW (Muon off). */
  readonly weightDecay: number;
  readonly betas: readonly number[];
  readonly eps: number;
}

export interface ScheduleConfig {
  readonly lrSchedule: LrScheduleName;
  readonly lrWarmupSteps: number;
  readonly lrWarmupRatio: number;
  readonly lrMin: number;
  readonly numCycles: number;
  readonly plateauFactor: number;
  readonly plateauPatience: number;
}

export interface VqConfig {
  readonly ema: boolean;
  readonly commitmentCost: number;
  readonly useCommitmentScheduling: boolean;
  readonly commitmentSchedule: CommitmentScheduleName;
  readonly commitmentWarmupSteps: number;
  readonly commitmentStart: number;
  /** uniform: U(−1/K, 1/K) as FoldTree2; encoder: K encoder outputs of the first proteins, before the first step. */
  readonly codebookInit: CodebookInit;
}

export interface PrecisionConfig {
  readonly mixedPrecision: boolean;
  readonly lossScaleInit: number;
  readonly lossScaleGrowthInterval: number;
}

export interface MaskingConfig {
  readonly maskPlddt: boolean;
  readonly plddtThreshold: number;
}

export interface LossConfig {
  readonly edgeWeight: number;
  readonly logitWeight: number;
  /** FoldTree2's "x" weight: amino-acid reconstruction. */
  readonly aaWeight: number;
  readonly fft2Weight: number;
  readonly vqWeight: number;
  readonly anglesWeight: number;
  readonly ssWeight: number;
  readonly labelSmoothing: number;
  /** Distogram bin edges in Å (7 edges → 8 bins). */
  readonly distanceBinEdges: readonly number[];
}

export interface LoggingConfig {
  /** `null`: named from the preset and the start time. */
  readonly runName: string | null;
  /** Optimizer steps between two metric points. */
  readonly metricInterval: number;
}

export interface RunConfig {
  readonly data: DataConfig;
  readonly model: ModelChoice;
  readonly decoders: DecoderSwitches;
  readonly training: TrainingConfig;
  readonly optimizer: OptimizerConfig;
  readonly schedule: ScheduleConfig;
  readonly vq: VqConfig;
  readonly precision: PrecisionConfig;
  readonly masking: MaskingConfig;
  readonly losses: LossConfig;
  readonly logging: LoggingConfig;
}

export type RunConfigGroup = keyof RunConfig;
