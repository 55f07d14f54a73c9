/**
 * FoldTree2 keys (argparse dest names of learn_lightning.py / learn_monodecoder.py, reference §5) that have no
 * studio meaning. Importing one gives an informational warning with the reason, unless its value is one under
 * which FoldTree2 behaves like the studio anyway (`output_rt: false`), which passes silently.
 */

export interface IgnoredFoldtree2Keys {
  readonly names: readonly string[];
  readonly reason: string;
  /** Values that ask for what the studio does anyway: no warning. */
  readonly harmless?: readonly (string | number | boolean | null)[];
}

const LOSS_SCHEDULE_TERMS = ['x', 'logit', 'edge', 'vq', 'fft2', 'angles', 'ss'];

export const IGNORED_FOLDTREE2_KEYS: readonly IgnoredFoldtree2Keys[] = [
  { names: ['config', 'save_config', 'about'], reason: 'a command-line action, not a setting' },
  {
    names: ['output_dir', 'model_name', 'overwrite'],
    reason: 'runs and checkpoints are kept in the browser and downloaded from the studio',
    harmless: [false],
  },
  { names: ['tensorboard_dir'], reason: 'the studio charts its metrics itself' },
  {
    names: ['device', 'gpus', 'tensor_core_precision', 'fsdp_cpu_offload', 'deepspeed_stage'],
    reason: 'the browser picks the GPU; set training.workers for data parallelism',
    harmless: [null, false],
  },
  { names: ['data_dir', 'aapropcsv', 'burn_in'], reason: 'FoldTree2 itself never uses it', harmless: [null, 0] },
  {
    names: ['use_muon_encoder', 'use_muon_decoders'],
    reason:
      'in FoldTree2 it selects Muon-specific module classes (a no-op at HEAD); the studio’s optimizer.useMuonEncoder / useMuonDecoders choose which parts Muon optimises',
    harmless: [false],
  },
  {
    names: ['hetero_gae', 'se3_transformer', 'output_rt', 'output_foldx'],
    reason: 'the studio does not build that decoder',
    harmless: [false],
  },
  {
    names: [
      'sequence_use_cnn_decoder',
      'sequence_output_ss',
      'geometry_output_rt',
      'geometry_output_ss',
      'geometry_output_angles',
      'geometry_cnn_output_fft',
      'geometry_cnn_output_rt',
      'geometry_cnn_output_angles',
      'geometry_cnn_output_ss',
      'geometry_cnn_output_edge_logits',
      'nconv_layers',
    ],
    reason: 'the decoders’ internal layout is fixed by the model preset',
    harmless: [null],
  },
  {
    names: ['lddt_loss', 'lddt_weight', 'fape_loss', 'fape_weight', 'delta_loss', 'delta_weight'],
    reason: 'these losses need the rotation/translation head, which the studio does not build',
    harmless: [false, 0],
  },
  {
    names: ['optimizer_type', 'lion_lr', 'lion_beta1', 'lion_beta2', 'lion_weight_decay'],
    reason: 'the studio has AdamW and Muon (optimizer.useMuon), not Lion',
    harmless: ['adamw'],
  },
  {
    names: [
      'early_stopping',
      'early_stopping_metric',
      'early_stopping_mode',
      'early_stopping_patience',
      'early_stopping_min_delta',
      'early_stopping_warmup_epochs',
      'val_split',
      'val_seed',
    ],
    reason: 'the studio trains without a validation split',
    harmless: [false],
  },
  {
    names: [
      'use_uncertainty_weighting',
      'normalize_loss_weights',
      'use_weight_scheduler',
      'loss_warmup_steps',
      'loss_power_ss',
      'jump_aa_loss',
      'jump_ss_loss',
      ...LOSS_SCHEDULE_TERMS.map((term) => `loss_schedule_${term}`),
      ...['edge', 'vq', 'fft2'].map((term) => `loss_cycles_${term}`),
    ],
    reason: 'loss weights stay fixed for the run (losses.*Weight)',
    harmless: [false],
  },
];
