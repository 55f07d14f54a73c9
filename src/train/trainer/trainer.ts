/**
 * One trainer: FoldTree2's training loop for one rank, one optimizer step per `step()` call, with every counter
 * a resumed run needs. Several ranks join their steps through an all-reduce (all-reduce.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { addMaskCounts, disposeLossTargets } from '../../model/losses/loss-targets';
import { codebookStatistics } from '../../model/quantizer/codebook-statistics';
import type { MetricPoint } from '../../protocol/metric-point';
import type { PaddedBatch } from '../../protocol/padded-batch';
import type { SkippedItem } from '../../protocol/protein-graph';
import type { RunConfig } from '../../protocol/run-config';
import { NO_ALL_REDUCE, type AllReduce } from './all-reduce';
import { epochWindows, stepsPerEpoch } from './epoch-plan';
import type { ProteinSource } from './protein-source';
import { splitIntoPasses } from './split-into-passes';
import { commitmentAt } from '../../config/commitment-schedule';
import { buildTrainerParts, groupBaseLrs, lossWeightsOf, type TrainerParts } from './trainer-parts';
import {
  applyWindow,
  windowGradients,
  windowStep,
  windowStepResult,
  windowTargets,
  type WindowGradients,
  type WindowStepInput,
  type WindowStepResult,
} from './window-step';

export interface TrainerCounters {
  /** Optimizer steps taken. */
  readonly optimizerStep: number;
  readonly microBatches: number;
  readonly epoch: number;
  /** Next window of the current epoch. */
  readonly windowInEpoch: number;
  readonly skippedSteps: number;
  /** Sum of the step totals in the current epoch and how many (the plateau schedule's monitored value). */
  readonly epochLossSum: number;
  readonly epochSteps: number;
  readonly elapsedMs: number;
}

export interface TrainerOptions {
  readonly rank: number;
  readonly worldSize: number;
  /** Dynamic loss scaling (on for f16-mixed runs; tests switch it on to exercise the scaler). */
  readonly lossScaling: boolean;
}

export const INITIAL_COUNTERS: TrainerCounters = {
  optimizerStep: 0,
  microBatches: 0,
  epoch: 0,
  windowInEpoch: 0,
  skippedSteps: 0,
  epochLossSum: 0,
  epochSteps: 0,
  elapsedMs: 0,
};

export class Trainer {
  readonly parts: TrainerParts;
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  private plan: number[][][] = [];
  private planEpoch = -1;
  /** Proteins that failed to load during the run, with reasons (each listed once). */
  readonly skipped = new Map<string, SkippedItem>();
  /** What the last steps left out and why, one sentence each, until `takeNotices` hands them on. */
  private notices: string[] = [];

  private currentConfig: RunConfig;
  /** Most proteins one forward + backward pass holds (memory); a larger micro-batch runs as several passes. */
  private passLimit = Infinity;
  /** Passes the last window ran (its micro-batches, split to the pass limit). */
  private lastWindowPasses = 0;

  constructor(
    config: RunConfig,
    readonly source: ProteinSource,
    readonly options: TrainerOptions,
    private counters: TrainerCounters = INITIAL_COUNTERS,
  ) {
    this.currentConfig = config;
    if (source.proteinIds.length === 0) throw new Error(`${source.name}: no usable protein to train on`);
    const t = config.training;
    this.stepsPerEpoch = stepsPerEpoch(source.proteinIds.length, {
      rank: options.rank,
      worldSize: options.worldSize,
      batchSize: t.batchSize,
      accumulationSteps: t.gradientAccumulationSteps,
    });
    const allEpochs = this.stepsPerEpoch * t.epochs;
    this.totalSteps = t.maxSteps > 0 ? Math.min(t.maxSteps, allEpochs) : allEpochs;
    this.parts = buildTrainerParts(config, source.inputWidth, this.totalSteps, options.lossScaling);
  }

  /** The run's config, including changes made while training (saved with checkpoints). */
  get config(): RunConfig {
    return this.currentConfig;
  }

  /**
   * Takes a config changed while training (live keys only: LRs, loss weights, commitment schedule, clipping, pLDDT
   * masking) from the next optimizer step on.
   */
  applyConfig(next: RunConfig): void {
    this.currentConfig = next;
    this.parts.lossWeights = lossWeightsOf(next);
    this.parts.scheduler.setBaseLrs(groupBaseLrs(next));
  }

  /**
   * Runs every micro-batch as passes of at most `proteins` proteins (the memory pre-flight's figure), their
   * gradients summed into the same optimizer step.
   */
  limitProteinsPerPass(proteins: number): void {
    if (!(proteins >= 1)) throw new RangeError(`a pass must hold at least one protein, got ${proteins}`);
    this.passLimit = Math.floor(proteins);
  }

  get state(): TrainerCounters {
    return this.counters;
  }

  get finished(): boolean {
    return this.counters.epoch >= this.config.training.epochs || this.counters.optimizerStep >= this.totalSteps;
  }

  private windowsOf(epoch: number): number[][][] {
    if (this.planEpoch !== epoch) {
      const t = this.config.training;
      this.plan = epochWindows(this.source.proteinIds.length, {
        seed: this.config.data.seed,
        epoch,
        rank: this.options.rank,
        worldSize: this.options.worldSize,
        batchSize: t.batchSize,
        accumulationSteps: t.gradientAccumulationSteps,
      });
      this.planEpoch = epoch;
    }
    return this.plan;
  }

  private readWindow(window: readonly number[][]): PaddedBatch[] {
    const batches: PaddedBatch[] = [];
    const passes = splitIntoPasses(window, this.passLimit);
    this.lastWindowPasses = passes.length;
    for (const indices of passes) {
      const ids = indices.map((k) => this.source.proteinIds[k] ?? '');
      const maxLength = this.config.data.maxResidues ?? Infinity;
      const { batch, skipped } = this.source.readBatch(ids, {
        maxLength,
        seed: this.config.data.seed,
        epoch: this.counters.epoch,
      });
      const step = this.counters.optimizerStep + 1;
      for (const item of skipped) {
        if (!this.skipped.has(item.source))
          this.notices.push(`step ${step}: ${item.source} left out of training: ${item.reason}`);
        this.skipped.set(item.source, item);
      }
      if (batch) batches.push(batch);
      else
        this.notices.push(
          `step ${step}: micro-batch skipped, none of its proteins could be read (${ids.join(', ')}); the step goes on with the rest`,
        );
    }
    return batches;
  }

  /**
   * Takes one optimizer step; null once every epoch is done. `allReduce` joins this replica's step to the other
   * data-parallel replicas' (all-reduce.ts); a single trainer exchanges nothing.
   */
  async step(allReduce: AllReduce = NO_ALL_REDUCE): Promise<MetricPoint | null> {
    if (this.finished) return null;
    const started = performance.now();
    const c = this.counters;
    const windows = this.windowsOf(c.epoch);
    const window = windows[c.windowInEpoch] ?? [];
    const batches = this.readWindow(window);
    const learningRates = this.parts.scheduler.lrs(c.optimizerStep);
    const beta = commitmentAt(this.config.vq, c.optimizerStep);
    const input = {
      batches,
      optimizerStep: c.optimizerStep,
      microBatches: c.microBatches,
      commitmentCost: beta,
      learningRates,
      rank: this.options.rank,
    };
    const result = batches.length > 0 || allReduce !== NO_ALL_REDUCE ? await this.replicaStep(input, allReduce) : null;
    const stepMs = performance.now() - started;
    const applied = result?.applied ?? false;
    const total = result?.total ?? NaN;
    const endOfEpoch = c.windowInEpoch + 1 >= windows.length;
    const epochLossSum = c.epochLossSum + (Number.isFinite(total) ? total : 0);
    const epochSteps = c.epochSteps + (Number.isFinite(total) ? 1 : 0);
    if (endOfEpoch)
      this.parts.scheduler.endEpoch(epochSteps > 0 ? epochLossSum / epochSteps : NaN, c.optimizerStep + 1);
    this.counters = {
      optimizerStep: c.optimizerStep + 1,
      // Passes, so that every pass draws its own dropout masks (one pass per micro-batch unless memory splits it).
      microBatches: c.microBatches + Math.max(window.length, this.lastWindowPasses),
      epoch: endOfEpoch ? c.epoch + 1 : c.epoch,
      windowInEpoch: endOfEpoch ? 0 : c.windowInEpoch + 1,
      skippedSteps: c.skippedSteps + (applied ? 0 : 1),
      epochLossSum: endOfEpoch ? 0 : epochLossSum,
      epochSteps: endOfEpoch ? 0 : epochSteps,
      elapsedMs: c.elapsedMs + stepMs,
    };
    // A step with nothing read (every micro-batch skipped) counts no code: zeros, one per code.
    const stats = codebookStatistics(
      result?.counts ?? Array.from(this.parts.ema?.clusterSize ?? [], () => 0),
      this.parts.ema?.clusterSize,
    );
    const norms = result?.norms;
    return {
      step: this.counters.optimizerStep,
      epoch: c.epoch,
      microBatches: this.counters.microBatches,
      elapsedMs: this.counters.elapsedMs,
      losses: result?.losses ?? {},
      weightedLosses: result?.weightedLosses ?? {},
      total,
      // Only the groups that hold parameters (no `muon` rate in an AdamW-only run).
      learningRates: Object.fromEntries(
        Object.entries(learningRates).filter(
          ([group]) => this.parts.optimizer.groups[group as 'muon' | 'adamw'].names.length > 0,
        ),
      ),
      gradientNorms: {
        global: norms?.global ?? NaN,
        encoder: norms?.encoder ?? NaN,
        decoder: norms?.decoder ?? NaN,
        largest: (norms?.largest ?? []).map((n) => ({ name: n.name, value: n.norm })),
        smallest: (norms?.smallest ?? []).map((n) => ({ name: n.name, value: n.norm })),
      },
      commitmentCost: beta,
      lossWeights: { ...this.parts.lossWeights },
      lossScale: this.parts.scaler.scale,
      skippedSteps: this.counters.skippedSteps,
      skipped: !applied,
      perplexity: stats.perplexity,
      usedCodes: stats.usedCodes,
      deadCodes: stats.deadCodes.length,
      codeUsage: stats.usage,
      stepMs,
      residuesPerSecond: ((result?.residues ?? 0) * 1000) / stepMs,
      proteinsPerSecond: ((result?.proteins ?? 0) * 1000) / stepMs,
    };
  }

  private async replicaStep(input: WindowStepInput, allReduce: AllReduce): Promise<WindowStepResult> {
    if (allReduce === NO_ALL_REDUCE) return windowStep(this.parts, this.config, input);
    const targets = windowTargets(this.config, input.batches, input.optimizerStep, input.rank);
    try {
      const counts = await allReduce.counts(addMaskCounts(targets.map((t) => t.counts)));
      const local = await windowGradients(this.parts, this.config, input, targets, counts);
      let shared: WindowGradients | null = null;
      try {
        shared = await allReduce.gradients(local);
        const outcome = allReduce.receiveWeights
          ? await allReduce.receiveWeights(this.parts)
          : await applyWindow(this.parts, this.config, shared.sums, shared.ema, input);
        return windowStepResult(shared, outcome);
      } finally {
        tf.dispose([...local.sums.values(), ...(shared?.sums.values() ?? [])]);
      }
    } finally {
      for (const t of targets) disposeLossTargets(t);
    }
  }

  /** Sentences about proteins and micro-batches left out since the last call (for the run's log), then cleared. */
  takeNotices(): string[] {
    const taken = this.notices;
    this.notices = [];
    return taken;
  }

  /** Restores counters after the caller loaded weights and optimizer state (trainer-checkpoint.ts). */
  restoreCounters(counters: TrainerCounters): void {
    this.counters = counters;
  }

  dispose(): void {
    this.parts.optimizer.dispose();
    this.parts.params.dispose();
  }
}
