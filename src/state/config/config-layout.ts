/**
 * How the settings panel arranges the config table: every schema row lands in one panel group (by its
 * `RunConfig` group, with a few `training.*` keys moved to where a user looks for them), the most-used keys of a
 * group first and the rest behind the group's "more" disclosure. A key added to the schema shows up here (last in
 * its group, behind "more") with a label made from its name; nothing else has to change.
 */
import { LOSS_WEIGHT_KEYS } from '../../config/loss-weight-keys';
import { groupOf, leafOf, SCHEMA_ROWS } from '../../config/run-config-values';
import type { ConfigPath, KeySpec } from '../../config/schema-types';
import type { RunConfig, RunConfigGroup } from '../../protocol/run-config';

export type { KeySpec } from '../../config/schema-types';

/** Panel groups, in the order they are shown. */
export const PANEL_GROUPS = [
  { id: 'model', title: 'Model' },
  { id: 'data', title: 'Data' },
  { id: 'training', title: 'Batches and length' },
  { id: 'parallelism', title: 'Parallelism' },
  { id: 'optimizer', title: 'Optimizer' },
  { id: 'schedule', title: 'LR schedule' },
  { id: 'quantizer', title: 'Quantizer' },
  { id: 'losses', title: 'Losses' },
  { id: 'masking', title: 'pLDDT masking' },
  { id: 'precision', title: 'Precision' },
  { id: 'logging', title: 'Logging' },
] as const;

export type PanelGroupId = (typeof PANEL_GROUPS)[number]['id'];

/** Where a `RunConfig` group goes; typed over every group, so a new one cannot be forgotten. */
const GROUP_OF_SECTION: Readonly<Record<RunConfigGroup, PanelGroupId>> = {
  data: 'data',
  model: 'model',
  decoders: 'model',
  training: 'training',
  optimizer: 'optimizer',
  schedule: 'schedule',
  vq: 'quantizer',
  precision: 'precision',
  masking: 'masking',
  losses: 'losses',
  logging: 'logging',
};

/** `training.*` keys that belong with other settings: the trainers and their checks, the learning rate, clipping. */
const MOVED: Readonly<Partial<Record<ConfigPath, PanelGroupId>>> = {
  'training.workers': 'parallelism',
  'training.strategy': 'parallelism',
  'training.lrScaling': 'parallelism',
  'training.backend': 'parallelism',
  'training.checksumEvery': 'parallelism',
  'training.trainerTimeoutS': 'parallelism',
  'training.learningRate': 'optimizer',
  'training.clipGrad': 'optimizer',
  'training.clipGradMaxNorm': 'optimizer',
  'training.clipGradMode': 'optimizer',
};

/** Shown without opening "more", in this order (the first keys a run is tuned by). */
const PRIMARY: readonly ConfigPath[] = [
  'model.preset',
  'data.maxResidues',
  'data.seed',
  'training.epochs',
  'training.maxSteps',
  'training.batchSize',
  'training.gradientAccumulationSteps',
  'training.workers',
  'training.strategy',
  'training.lrScaling',
  'training.backend',
  'optimizer.useMuon',
  'optimizer.muonLr',
  'optimizer.adamwLr',
  'training.learningRate',
  'training.clipGrad',
  'schedule.lrSchedule',
  'schedule.lrWarmupRatio',
  'vq.commitmentCost',
  'vq.useCommitmentScheduling',
  'vq.commitmentStart',
  'vq.commitmentWarmupSteps',
  'vq.commitmentSchedule',
  ...LOSS_WEIGHT_KEYS,
  'masking.maskPlddt',
  'masking.plddtThreshold',
  'precision.mixedPrecision',
  'logging.runName',
];

/** Labels where the key's own name reads badly; every other key is labelled from its name. */
const LABELS: Readonly<Partial<Record<ConfigPath, string>>> = {
  'model.preset': 'Model preset',
  'data.maxResidues': 'Crop (residues)',
  'data.dataset': 'Dataset (set by the dataset panel)',
  'training.maxSteps': 'Stop after steps (0 = all epochs)',
  'training.gradientAccumulationSteps': 'Accumulation steps',
  'training.workers': 'Trainer workers (0 = auto)',
  'training.lrScaling': 'LR scaling with trainers',
  'training.checksumEvery': 'Weight checksum every (steps)',
  'training.trainerTimeoutS': 'Trainer step timeout (s)',
  'training.clipGrad': 'Clip gradient norms',
  'training.clipGradMaxNorm': 'Max gradient norm',
  'training.clipGradMode': 'Clip',
  'optimizer.useMuon': 'Muon for hidden matrices (AdamW for the rest)',
  'optimizer.useMuonEncoder': 'Muon in the encoder',
  'optimizer.useMuonDecoders': 'Muon in the decoders',
  'optimizer.muonLr': 'Muon learning rate',
  'optimizer.adamwLr': 'AdamW learning rate',
  'optimizer.adamwBetas': 'AdamW betas (β1, β2)',
  'optimizer.adamwEps': 'AdamW epsilon',
  'optimizer.adamwWeightDecay': 'AdamW weight decay',
  'optimizer.weightDecay': 'Weight decay (plain AdamW)',
  'optimizer.betas': 'Betas (β1, β2; plain AdamW)',
  'optimizer.eps': 'Epsilon (plain AdamW)',
  'schedule.lrSchedule': 'LR schedule',
  'schedule.lrWarmupSteps': 'Warm-up steps',
  'schedule.lrWarmupRatio': 'Warm-up (fraction of steps)',
  'schedule.lrMin': 'LR floor',
  'schedule.numCycles': 'Restart cycles',
  'vq.ema': 'EMA codebook updates',
  'vq.commitmentCost': 'Commitment cost (end value when scheduled)',
  'vq.useCommitmentScheduling': 'Schedule the commitment cost',
  'vq.commitmentSchedule': 'Commitment schedule shape',
  'vq.commitmentWarmupSteps': 'Commitment warm-up steps',
  'decoders.outputFft': 'FFT2 head',
  'decoders.useGeometryTransformer': 'Geometry transformer (SS, angles)',
  'decoders.useGeometryCnn': 'Contact decoder (contacts, distogram)',
  'losses.aaWeight': 'Amino acids (x)',
  'losses.edgeWeight': 'Contacts (edge)',
  'losses.logitWeight': 'Distogram (logit)',
  'losses.anglesWeight': 'Angles',
  'losses.ssWeight': 'Secondary structure',
  'losses.vqWeight': 'VQ',
  'losses.fft2Weight': 'FFT2',
  'losses.distanceBinEdges': 'Distogram bin edges (Å)',
  'masking.maskPlddt': 'Mask low-pLDDT residues',
  'masking.plddtThreshold': 'pLDDT threshold (0–1)',
  'precision.mixedPrecision': 'Mixed precision (f16 where supported)',
  'precision.lossScaleInit': 'Initial loss scale',
  'precision.lossScaleGrowthInterval': 'Loss-scale growth interval (steps)',
  'logging.runName': 'Run name',
  'logging.metricInterval': 'Metric point every (steps)',
};

/** The panel group of a key. */
export function panelGroupOf(path: ConfigPath): PanelGroupId {
  return MOVED[path] ?? GROUP_OF_SECTION[groupOf(path)];
}

/** `gradientAccumulationSteps` → "Gradient accumulation steps". */
function labelFromName(leaf: string): string {
  const words = leaf.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The field label of a key. */
export function keyLabel(path: ConfigPath): string {
  return LABELS[path] ?? labelFromName(leafOf(path));
}

export interface PanelGroup {
  readonly id: PanelGroupId;
  readonly title: string;
  /** Shown at once, most-used first. */
  readonly primary: readonly KeySpec[];
  /** Behind the group's "more" disclosure, in schema order. */
  readonly more: readonly KeySpec[];
}

/** Every schema row in its panel group; each row appears exactly once. */
export function configPanelLayout(rows: readonly KeySpec[] = SCHEMA_ROWS): readonly PanelGroup[] {
  const rank = (spec: KeySpec) => PRIMARY.indexOf(spec.path);
  return PANEL_GROUPS.map(({ id, title }) => {
    const inGroup = rows.filter((spec) => panelGroupOf(spec.path) === id);
    return {
      id,
      title,
      primary: inGroup.filter((spec) => rank(spec) >= 0).sort((a, b) => rank(a) - rank(b)),
      more: inGroup.filter((spec) => rank(spec) < 0),
    };
  });
}

const MUON_SIDE = [
  'optimizer.useMuonEncoder',
  'optimizer.useMuonDecoders',
  'optimizer.muonLr',
  'optimizer.muonMomentum',
  'optimizer.muonWeightDecay',
];
const ADAMW_SIDE = ['optimizer.adamwLr', 'optimizer.adamwBetas', 'optimizer.adamwEps', 'optimizer.adamwWeightDecay'];
const PLAIN_ADAMW = ['training.learningRate', 'optimizer.weightDecay', 'optimizer.betas', 'optimizer.eps'];
const DECAYING = ['cosine', 'linear', 'cosine_restarts', 'polynomial'];

/**
 * Why a key has no effect with the rest of `config` as it is ("Muon is off"), or `null` when it is used. The
 * panel dims such keys but keeps them editable, so a setting can be prepared before the switch that uses it.
 */
export function unusedBecause(config: RunConfig, path: ConfigPath): string | null {
  const { optimizer, training, schedule, vq, decoders, masking, precision } = config;
  if ([...MUON_SIDE, ...ADAMW_SIDE].includes(path)) return optimizer.useMuon ? null : 'Muon is off';
  if (PLAIN_ADAMW.includes(path)) return optimizer.useMuon ? 'Muon is on (its AdamW side uses the adamw… keys)' : null;
  switch (path) {
    case 'training.clipGradMaxNorm':
    case 'training.clipGradMode':
      return training.clipGrad ? null : 'clipping is off';
    case 'training.workers':
    case 'training.lrScaling':
      return training.strategy === 'single' ? 'the strategy is single' : null;
    case 'schedule.plateauFactor':
    case 'schedule.plateauPatience':
      return schedule.lrSchedule === 'plateau' ? null : 'the LR schedule is not plateau';
    case 'schedule.numCycles':
      return schedule.lrSchedule === 'cosine_restarts' ? null : 'the LR schedule is not cosine_restarts';
    case 'schedule.lrMin':
      return DECAYING.includes(schedule.lrSchedule) ? null : `the ${schedule.lrSchedule} schedule has no floor`;
    case 'schedule.lrWarmupSteps':
      return schedule.lrWarmupRatio > 0 ? 'lrWarmupRatio overrides it' : null;
    case 'vq.commitmentStart':
    case 'vq.commitmentWarmupSteps':
    case 'vq.commitmentSchedule':
      return vq.useCommitmentScheduling ? null : 'the commitment cost is not scheduled';
    case 'losses.fft2Weight':
      return decoders.outputFft ? null : 'the FFT2 head is off';
    case 'losses.edgeWeight':
    case 'losses.logitWeight':
    case 'losses.distanceBinEdges':
      return decoders.useGeometryCnn ? null : 'the contact decoder is off';
    case 'losses.anglesWeight':
    case 'losses.ssWeight':
      return decoders.useGeometryTransformer ? null : 'the geometry transformer is off';
    case 'masking.plddtThreshold':
      return masking.maskPlddt ? null : 'pLDDT masking is off';
    case 'precision.lossScaleInit':
    case 'precision.lossScaleGrowthInterval':
      return precision.mixedPrecision ? null : 'mixed precision is off';
    default:
      return null;
  }
}

/** Keys the studio fills in itself when a run starts (the dataset panel's choice): shown, not typed. */
export const FILLED_BY_THE_STUDIO: readonly ConfigPath[] = ['data.dataset'];

/** What an empty box means for a nullable key. */
export function nullMeaning(path: ConfigPath): string {
  if (path === 'data.maxResidues') return 'whole chains';
  if (path === 'logging.runName') return 'preset and start time';
  return groupOf(path) === 'model' ? 'preset’s' : 'not set';
}
