/**
 * What one optimizer step reports, as plain data: everything FoldTree2 logs and more, ready for charts and for
 * export. Loss names: aminoAcid (FoldTree2's "x"), edge, logit, angles, ss, vq, fft2.
 */
export interface NamedValue {
  readonly name: string;
  readonly value: number;
}

/**
 * Gradient L2 norms before clipping: over every gradient (√Σ‖g‖²), over the encoder's and the decoders', and the
 * per-parameter norms that are largest (descending) and smallest (ascending). `Entry` names one parameter's norm.
 */
export interface GradientNorms<Entry = NamedValue> {
  readonly global: number;
  readonly encoder: number;
  readonly decoder: number;
  readonly largest: readonly Entry[];
  readonly smallest: readonly Entry[];
}

export interface MetricPoint {
  /** Optimizer steps taken so far (1 after the first step). */
  readonly step: number;
  readonly epoch: number;
  /** Micro-batches consumed so far. */
  readonly microBatches: number;
  /** Milliseconds since the run started (excluding pauses). */
  readonly elapsedMs: number;
  /** Unweighted loss terms, window means. */
  readonly losses: Readonly<Record<string, number>>;
  /** weight × raw. */
  readonly weightedLosses: Readonly<Record<string, number>>;
  /** Σ weighted: the objective. */
  readonly total: number;
  /** Learning rate per optimizer group at this step (`muon`, `adamw`). */
  readonly learningRates: Readonly<Record<string, number>>;
  readonly gradientNorms: GradientNorms;
  readonly commitmentCost: number;
  readonly lossWeights: Readonly<Record<string, number>>;
  /** Current dynamic loss scale (1 in f32 runs). */
  readonly lossScale: number;
  /** Steps skipped so far (non-finite gradients). */
  readonly skippedSteps: number;
  /** True when this step's update was skipped. */
  readonly skipped: boolean;
  /** Codebook use in this window: perplexity exp(H), codes used, dead codes (EMA usage below threshold). */
  readonly perplexity: number;
  readonly usedCodes: number;
  readonly deadCodes: number;
  /** Fraction of real residues assigned to each code in this window (length K). */
  readonly codeUsage: readonly number[];
  /** Wall time of this optimizer step, ms. */
  readonly stepMs: number;
  readonly residuesPerSecond: number;
  readonly proteinsPerSecond: number;
  /** Per data-parallel trainer: its step time, the part of it spent waiting in the gradient all-reduce, ms. */
  readonly trainers?: readonly TrainerTiming[];
}

export interface TrainerTiming {
  readonly rank: number;
  readonly stepMs: number;
  readonly exchangeMs: number;
  /** Real residues this trainer processed per second of its step. */
  readonly residuesPerSecond: number;
}

/**
 * One point of one chart series: `step` is the optimizer step (x), `value` the metric (y), `elapsedMs` the run's
 * time at that step (ms since it started, pauses excluded) when the point came from a `MetricPoint`.
 */
export interface SeriesPoint {
  readonly step: number;
  readonly value: number;
  readonly elapsedMs?: number;
}
