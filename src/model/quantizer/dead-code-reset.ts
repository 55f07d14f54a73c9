/**
 * Optional dead-code reset for the EMA codebook (`deadCodeReset`, `deadCodeThreshold`). FoldTree2 has a reset that
 * re-draws unused codes from N(0, 1) once their cumulative usage is below 100000, but every script disables it.
 *
 * Rule here: split a busy code. Each dead code (EMA cluster size < threshold) takes the place of a copy of a donor
 * code drawn with probability ∝ its EMA cluster size among codes holding at least twice the threshold. Donor and
 * new code share the donor's EMA mass equally (cluster size and `ema_w` row halved), and the new code is the
 * donor's vector plus Gaussian noise of 1 % of the donor's RMS, so the next batch's residues split between them.
 * The total EMA mass n is unchanged, so no other code moves. Why this rule rather than copying an encoder output:
 * it reads only the all-reduced EMA state and a seeded stream (RNG_STREAM.deadCodeReset, seed, step), so every
 * data-parallel worker makes exactly the same reset without exchanging any residue's z.
 */
import { RNG_STREAM } from '../../shared/rng-streams';
import { createRng, type SeededRng } from '../../shared/seeded-rng';
import type { QuantizerConfig } from '../model-config';
import type { EmaState, EmaUpdate } from './ema-update';

/** Noise standard deviation relative to the donor's RMS (and relative to 1/K when the donor is all zeros). */
export const DEAD_CODE_NOISE = 0.01;

export interface DeadCodeResetResult extends EmaUpdate {
  /** Codes that were re-drawn, ascending, each with its donor. */
  readonly resets: readonly { readonly code: number; readonly donor: number }[];
}

/**
 * Applies the rule above after `applyEma` (pass its state and codebook [K·D]). Returns the inputs untouched when
 * `config.deadCodeReset` is off, when nothing is dead, or when no code is busy enough to split.
 * `seed` is the run's seed and `step` the optimizer step, so a resumed run re-draws identically.
 */
export function resetDeadCodes(
  update: EmaUpdate,
  config: QuantizerConfig,
  seed: number,
  step: number,
): DeadCodeResetResult {
  const { state, codebook } = update;
  const threshold = config.deadCodeThreshold;
  const dead = indices(state.codes).filter((k) => (state.clusterSize[k] ?? 0) < threshold);
  if (!config.deadCodeReset || dead.length === 0) return { state, codebook, resets: [] };
  const donors = indices(state.codes).filter((k) => (state.clusterSize[k] ?? 0) >= 2 * threshold);
  if (donors.length === 0) return { state, codebook, resets: [] };

  const { codes: K, dim: D } = state;
  const clusterSize = Float32Array.from(state.clusterSize);
  const emaW = Float32Array.from(state.emaW);
  const values = Float32Array.from(codebook);
  const rng = createRng(RNG_STREAM.deadCodeReset, seed, step);
  const resets: { code: number; donor: number }[] = [];
  for (const code of dead) {
    const eligible = donors.filter((k) => (clusterSize[k] ?? 0) >= 2 * threshold);
    const donor = pickProportional(eligible, (k) => clusterSize[k] ?? 0, rng);
    if (donor === undefined) break;
    const half = (clusterSize[donor] ?? 0) / 2;
    clusterSize[donor] = half;
    clusterSize[code] = half;
    let square = 0;
    for (let d = 0; d < D; d++) square += (values[donor * D + d] ?? 0) ** 2;
    const rms = Math.sqrt(square / D);
    const sigma = DEAD_CODE_NOISE * (rms > 0 ? rms : 1 / K);
    for (let d = 0; d < D; d++) {
      emaW[donor * D + d] = (emaW[donor * D + d] ?? 0) / 2;
      const value = (values[donor * D + d] ?? 0) + sigma * standardNormal(rng);
      values[code * D + d] = value;
      // ema_w / size must reproduce the new vector, so the next EMA step starts from it.
      emaW[code * D + d] = value * half;
    }
    resets.push({ code, donor });
  }
  const next: EmaState = { codes: K, dim: D, clusterSize, emaW };
  return { state: next, codebook: values, resets };
}

function indices(count: number): number[] {
  return Array.from({ length: count }, (_, k) => k);
}

/** One of `items` with probability ∝ weight; undefined when there is none or all weights are 0. */
function pickProportional(items: readonly number[], weight: (k: number) => number, rng: SeededRng): number | undefined {
  const total = items.reduce((sum, k) => sum + weight(k), 0);
  if (!(total > 0)) return undefined;
  let target = rng.nextFloat() * total;
  for (const k of items) {
    target -= weight(k);
    if (target < 0) return k;
  }
  return items[items.length - 1];
}

/** Box–Muller, one normal per call (two uniforms). */
function standardNormal(rng: SeededRng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.nextFloat())) * Math.cos(2 * Math.PI * rng.nextFloat());
}
