/**
 * Everything a trainer owns besides its counters, built from a RunConfig: model parameters, optimizer groups,
 * LR scheduler, loss scaler, EMA codebook state. One place that reads the config, so a resumed run rebuilds the
 * identical machinery before loading its state.
 */
import { LOSS_NAMES, type LossWeights } from '../../model/losses/loss-config';
import type { ModelConfig } from '../../model/model-config';
import type { ParameterSet } from '../../model/params/parameter-set';
import { initialValues } from '../../model/params/parameter-set';
import { CODEBOOK_PARAMETER } from '../../model/quantizer/quantizer-specs';
import { initialEmaState, type EmaState } from '../../model/quantizer/ema-update';
import { createModelParameters } from '../../model/tokenizer-model';
import type { RunConfig } from '../../protocol/run-config';
import { CompositeOptimizer } from '../optimizers/composite-optimizer';
import { groupParameters } from '../optimizers/param-groups';
import { DynamicLossScaler } from '../precision/loss-scaler';
import { modelConfigFromRun } from '../../model/run-model-config';
import { LR_SCHEDULE_DEFAULTS, LrScheduler } from '../schedules/lr-scheduler';

export interface TrainerParts {
  readonly modelConfig: ModelConfig;
  readonly params: ParameterSet;
  readonly optimizer: CompositeOptimizer;
  /** Names the optimizer updates: every trainable parameter (the EMA codebook is not one). */
  readonly trainable: readonly string[];
  readonly scheduler: LrScheduler<'muon' | 'adamw'>;
  readonly scaler: DynamicLossScaler;
  /** The EMA codebook state; each applied step replaces it (the only mutable part). */
  ema: EmaState | null;
  /** Changes while training (live loss-weight edits). */
  lossWeights: LossWeights;
}

export function lossWeightsOf(config: RunConfig): LossWeights {
  const l = config.losses;
  const weights = {
    aminoAcid: l.aaWeight,
    edge: l.edgeWeight,
    logit: l.logitWeight,
    angles: l.anglesWeight,
    ss: l.ssWeight,
    vq: l.vqWeight,
    fft2: l.fft2Weight,
  };
  for (const name of LOSS_NAMES) if (!(weights[name] >= 0)) throw new Error(`losses: weight of ${name} must be ≥ 0`);
  return weights;
}

/** Base LR per optimizer group as `buildTrainerParts` sets it: AdamW takes adamwLr beside Muon, else learningRate. */
export function groupBaseLrs(config: RunConfig): Record<'muon' | 'adamw', number> {
  const o = config.optimizer;
  const anyMuon = o.useMuon && (o.useMuonEncoder || o.useMuonDecoders);
  return { muon: o.muonLr, adamw: anyMuon ? o.adamwLr : config.training.learningRate };
}

export function buildTrainerParts(
  config: RunConfig,
  inputWidth: number,
  totalSteps: number,
  lossScaling: boolean,
): TrainerParts {
  const modelConfig = modelConfigFromRun(config);
  const params = createModelParameters(modelConfig, inputWidth, config.data.seed);
  const o = config.optimizer;
  // The config's encoder/decoder switches refine `useMuon` (docs/config.md); grouping takes them as independent.
  const muonEncoder = o.useMuon && o.useMuonEncoder;
  const muonDecoders = o.useMuon && o.useMuonDecoders;
  const groups = groupParameters(
    params.specs.map((s) => ({ name: s.name, shape: s.shape })),
    {
      useMuon: false,
      useMuonEncoder: muonEncoder,
      useMuonDecoders: muonDecoders,
      ema: config.vq.ema,
      muonLr: o.muonLr,
      adamwLr: o.adamwLr,
      learningRate: config.training.learningRate,
      muon: { momentum: o.muonMomentum, weightDecay: o.muonWeightDecay },
      adamw:
        muonEncoder || muonDecoders
          ? {
              beta1: o.adamwBetas[0] ?? 0.9,
              beta2: o.adamwBetas[1] ?? 0.95,
              eps: o.adamwEps,
              weightDecay: o.adamwWeightDecay,
            }
          : { beta1: o.betas[0] ?? 0.9, beta2: o.betas[1] ?? 0.999, eps: o.eps, weightDecay: o.weightDecay },
    },
  );
  const optimizer = new CompositeOptimizer(params, groups);
  const s = config.schedule;
  const scheduler = new LrScheduler<'muon' | 'adamw'>(
    {
      ...LR_SCHEDULE_DEFAULTS,
      schedule: s.lrSchedule,
      warmupSteps: s.lrWarmupSteps,
      warmupRatio: s.lrWarmupRatio,
      lrMin: s.lrMin,
      numCycles: s.numCycles,
      plateau: { ...LR_SCHEDULE_DEFAULTS.plateau, factor: s.plateauFactor, patience: s.plateauPatience },
    },
    totalSteps,
    { muon: groups.muon.hyper.lr, adamw: groups.adamw.hyper.lr },
  );
  const scaler = new DynamicLossScaler({
    enabled: lossScaling,
    initialScale: config.precision.lossScaleInit,
    growthInterval: config.precision.lossScaleGrowthInterval,
  });
  const q = modelConfig.quantizer;
  // The codebook's initial values come from its seeded spec, not from a device read (no dataSync on WebGPU).
  const codebookSpec = params.specs.find((spec) => spec.name === CODEBOOK_PARAMETER);
  if (!codebookSpec) throw new Error(`the model has no ${CODEBOOK_PARAMETER}`);
  const ema = q.ema ? initialEmaState(initialValues(codebookSpec, config.data.seed), q.codes, q.embeddingDim) : null;
  return {
    modelConfig,
    params,
    optimizer,
    trainable: optimizer.names,
    scheduler,
    scaler,
    ema,
    lossWeights: lossWeightsOf(config),
  };
}
