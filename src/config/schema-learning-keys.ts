/**
 * Config rows of how the model learns: Muon and AdamW settings and the learning-rate schedule; the vector quantizer
 * (EMA, commitment cost and its schedule, codebook start); pLDDT masking; the loss terms' weights, label smoothing
 * and distogram bins.
 */
import { CODEBOOK_INITS, COMMITMENT_SCHEDULES, LR_SCHEDULES } from '../protocol/run-config';
import { BETA, BIG, POSITIVE_LR, UNIT, WEIGHT } from './schema-ranges';
import { bool, int, num, nums, oneOf } from './schema-types';

/** numpy.linspace(start, stop, n): the distogram edges are linspace(5, 50, 7) Å (FoldTree2 REF, the target list; HEAD 2–21). */
function linspace(start: number, stop: number, n: number): number[] {
  const step = (stop - start) / (n - 1);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? stop : start + i * step));
}

export const OPTIMIZER_KEYS = [
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
] as const;

export const SCHEDULE_KEYS = [
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
] as const;

export const VQ_KEYS = [
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
] as const;

export const MASKING_KEYS = [
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
] as const;

export const LOSS_KEYS = [
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
] as const;
