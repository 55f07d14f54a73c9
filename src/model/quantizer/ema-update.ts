/**
 * FoldTree2 HEAD's EMA codebook update (`VectorQuantizerEMA.forward`, training mode), as a pure function on plain
 * arrays: the state lives on the CPU because it is small (K + K·D floats), must be identical on every worker after
 * the statistics are all-reduced, and must go into checkpoints.
 */
import * as tf from '@tensorflow/tfjs';
import type { QuantizerConfig } from '../model-config';
import type { EmaStatistics } from './ema-statistics';

/** EMA state of the codebook. Plain arrays, never mutated by this module (every update returns a new state). */
export interface EmaState {
  /** K. */
  readonly codes: number;
  /** D. */
  readonly dim: number;
  /** [K]: EMA of the per-step assignment counts, raw (never the smoothed value; see `applyEma`). */
  readonly clusterSize: Float32Array;
  /** [K·D] row-major [K, D]: EMA of the per-code sums of encoder outputs (FoldTree2's `ema_w`). */
  readonly emaW: Float32Array;
}

/** A new state as FoldTree2 builds it: cluster sizes 0, `ema_w` a copy of the initial codebook [K·D]. */
export function initialEmaState(codebook: Float32Array, codes: number, dim: number): EmaState {
  if (codebook.length !== codes * dim)
    throw new Error(`initialEmaState: codebook has ${codebook.length} values, expected ${codes}×${dim}`);
  return { codes, dim, clusterSize: new Float32Array(codes), emaW: Float32Array.from(codebook) };
}

/** The result of one EMA step: the next state and the codebook [K·D] to write into `quantizer.codebook`. */
export interface EmaUpdate {
  readonly state: EmaState;
  readonly codebook: Float32Array;
}

/**
 * One EMA step with decay γ and smoothing ε from `config`:
 *   clusterSize ← γ·clusterSize + (1−γ)·counts;  emaW ← γ·emaW + (1−γ)·sums;
 *   n = Σ clusterSize;  smoothed_k = (clusterSize_k + ε)/(n + Kε)·n;  codebook_k = emaW_k / smoothed_k.
 * `smoothed` is a temporary: REF wrote it back into `ema_cluster_size`, compounding the smoothing every step
 * (§2.2); HEAD and this code keep the raw EMA. Arithmetic in float64, stored as float32.
 * While n = 0 (no residue seen yet) the smoothed sizes are 0 and FoldTree2 would write NaN (0/0); here the codebook
 * is emaW itself (no division) instead.
 */
export function applyEma(state: EmaState, stats: EmaStatistics, config: QuantizerConfig): EmaUpdate {
  const { codes: K, dim: D } = state;
  if (stats.counts.length !== K || stats.sums.length !== K * D)
    throw new Error(`applyEma: statistics do not match a ${K}×${D} codebook`);
  const decay = config.decay;
  const clusterSize = new Float32Array(K);
  const emaW = new Float32Array(K * D);
  let n = 0;
  for (let k = 0; k < K; k++) {
    clusterSize[k] = decay * (state.clusterSize[k] ?? 0) + (1 - decay) * (stats.counts[k] ?? 0);
    n += clusterSize[k] ?? 0;
  }
  for (let i = 0; i < K * D; i++) emaW[i] = decay * (state.emaW[i] ?? 0) + (1 - decay) * (stats.sums[i] ?? 0);
  const next: EmaState = { codes: K, dim: D, clusterSize, emaW };
  return { state: next, codebook: codebookFromEma(next, config.epsilon, n) };
}

/** emaW / smoothed cluster sizes, [K·D]. With n = 0 (nothing seen yet) it returns a copy of emaW. */
export function codebookFromEma(state: EmaState, epsilon: number, total?: number): Float32Array {
  const { codes: K, dim: D } = state;
  const n = total ?? state.clusterSize.reduce((a, b) => a + b, 0);
  const codebook = new Float32Array(K * D);
  for (let k = 0; k < K; k++) {
    const smoothed = n > 0 ? (((state.clusterSize[k] ?? 0) + epsilon) / (n + K * epsilon)) * n : 1;
    for (let d = 0; d < D; d++) codebook[k * D + d] = (state.emaW[k * D + d] ?? 0) / smoothed;
  }
  return codebook;
}

/** Writes codebook values [K·D] into the `quantizer.codebook` variable (keeps its shape; no tensor left behind). */
export function assignCodebook(variable: tf.Variable, codebook: Float32Array): void {
  tf.tidy(() => variable.assign(tf.tensor(codebook, variable.shape, 'float32')));
}

/** Checkpoint names of the EMA state, each with its FoldTree2 buffer name in the docs (quantizer mapping table). */
export const EMA_STATE_NAMES = { clusterSize: 'quantizer.ema.clusterSize', emaW: 'quantizer.ema.w' } as const;

/** A named, shaped float32 array: the unit checkpoints (safetensors) store. */
export interface NamedArray {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** The state as named arrays for a checkpoint (copies, so later updates cannot change a saved checkpoint). */
export function emaStateToArrays(state: EmaState): Record<string, NamedArray> {
  return {
    [EMA_STATE_NAMES.clusterSize]: { shape: [state.codes], data: Float32Array.from(state.clusterSize) },
    [EMA_STATE_NAMES.emaW]: { shape: [state.codes, state.dim], data: Float32Array.from(state.emaW) },
  };
}

/** Inverse of {@link emaStateToArrays}; throws naming the entry when one is missing or has the wrong shape. */
export function emaStateFromArrays(arrays: Readonly<Record<string, NamedArray>>): EmaState {
  const sizes = arrays[EMA_STATE_NAMES.clusterSize];
  const sums = arrays[EMA_STATE_NAMES.emaW];
  if (!sizes || !sums) throw new Error(`EMA state needs ${EMA_STATE_NAMES.clusterSize} and ${EMA_STATE_NAMES.emaW}`);
  const [K, D] = sums.shape;
  if (sums.shape.length !== 2 || K === undefined || D === undefined || sums.data.length !== K * D)
    throw new Error(`${EMA_STATE_NAMES.emaW} must be [K, D] with K·D values`);
  if (sizes.shape.length !== 1 || sizes.shape[0] !== K || sizes.data.length !== K)
    throw new Error(`${EMA_STATE_NAMES.clusterSize} must be [${K}]`);
  return { codes: K, dim: D, clusterSize: Float32Array.from(sizes.data), emaW: Float32Array.from(sums.data) };
}
