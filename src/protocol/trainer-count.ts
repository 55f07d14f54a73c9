/**
 * How many data-parallel trainers a run starts: the configured `training.workers` (1–8), or for 0 ("auto") a count
 * chosen from the backend and the CPU cores the browser reports. Pure, so the start screen can show the choice and
 * its reason before any worker exists.
 */

/** The most trainers a run may have. */
export const MAX_TRAINERS = 8;

/** Backends a trainer device can run on. */
export type TrainerBackend = 'webgpu' | 'wasm' | 'cpu';

export interface TrainerCountChoice {
  /** Trainers to start, an integer in [1, MAX_TRAINERS]. */
  readonly count: number;
  /** One sentence for the user: why this many. */
  readonly reason: string;
}

/** WebGPU trainers share one physical GPU, so beyond a few they queue on it instead of adding throughput. */
const WEBGPU_AUTO_MAX = 4;

const trainers = (n: number): string => `${n} trainer${n === 1 ? '' : 's'}`;

/**
 * @param requested `training.workers`: 0 = auto, else the wanted count (clamped to 1..MAX_TRAINERS).
 * @param hardwareConcurrency `navigator.hardwareConcurrency` (logical CPU cores); undefined when not reported.
 */
export function chooseTrainerCount(
  requested: number,
  hardwareConcurrency: number | undefined,
  backend: TrainerBackend,
): TrainerCountChoice {
  if (!Number.isInteger(requested) || requested < 0)
    throw new RangeError(`trainer count must be a whole number ≥ 0, got ${String(requested)}`);
  if (requested > MAX_TRAINERS) {
    return {
      count: MAX_TRAINERS,
      reason: `${trainers(requested)} requested; a run has at most ${MAX_TRAINERS}, so ${MAX_TRAINERS} start.`,
    };
  }
  if (requested > 0) return { count: requested, reason: `${trainers(requested)}, as set in training.workers.` };

  const cores =
    hardwareConcurrency !== undefined && Number.isInteger(hardwareConcurrency) && hardwareConcurrency > 0
      ? hardwareConcurrency
      : undefined;
  if (cores === undefined)
    return { count: 1, reason: 'Auto: 1 trainer, since the browser does not report its CPU cores.' };
  if (backend === 'webgpu') {
    // Half the cores: each WebGPU trainer still keeps a CPU thread busy encoding and waiting on its device.
    const count = Math.min(WEBGPU_AUTO_MAX, Math.max(1, Math.floor(cores / 2)));
    return {
      count,
      reason: `Auto: ${trainers(count)} for ${cores} CPU cores; all trainers share one GPU, so more than ${WEBGPU_AUTO_MAX} rarely helps.`,
    };
  }
  // One core stays free for the page and the coordinator.
  const count = Math.max(1, Math.min(MAX_TRAINERS, cores - 1));
  const cap = cores - 1 > MAX_TRAINERS ? ` (at most ${MAX_TRAINERS})` : '';
  return {
    count,
    reason: `Auto: ${trainers(count)} on the ${backend} backend, one per CPU core of ${cores} keeping one for the page${cap}.`,
  };
}
