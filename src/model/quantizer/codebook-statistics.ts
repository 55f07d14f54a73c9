/** Code-usage numbers for the metrics stream and the codebook views: plain numbers, no tensors. */

/** Default dead-code threshold, in EMA counts per step (the presets' `deadCodeThreshold`). */
export const DEFAULT_DEAD_THRESHOLD = 0.01;

export interface CodebookStatistics {
  /** [K]: fraction of this batch's real residues assigned to each code (all 0 for an empty batch). */
  readonly usage: number[];
  /** exp(−Σ p log p) of `usage` (0·log 0 = 0): 1 when one code takes everything, K when use is uniform. */
  readonly perplexity: number;
  /** Codes chosen by at least one residue in this batch. */
  readonly usedCodes: number;
  /** usedCodes / K. */
  readonly utilisation: number;
  /**
   * Indices of dead codes: EMA cluster size below the threshold when EMA sizes are given, otherwise codes this
   * batch never chose.
   */
  readonly deadCodes: number[];
  /** [K]: EMA cluster sizes normalised to sum 1 (only with EMA sizes). */
  readonly emaUsage?: number[];
  /** Perplexity of `emaUsage`: the long-run codebook use (only with EMA sizes). */
  readonly emaPerplexity?: number;
}

/** exp of the Shannon entropy (nats) of the distribution proportional to `weights`; 1 for all-zero weights. */
export function perplexityOf(weights: ArrayLike<number>): number {
  const total = sumOf(weights);
  if (total <= 0) return 1;
  let entropy = 0;
  for (let k = 0; k < weights.length; k++) {
    const p = (weights[k] ?? 0) / total;
    if (p > 0) entropy -= p * Math.log(p);
  }
  return Math.exp(entropy);
}

/**
 * Statistics from the batch counts [K] (`quantize(...).counts`, real residues only) and, optionally, the EMA
 * cluster sizes [K] (`EmaState.clusterSize`), whose units are counts per step like `deadThreshold`.
 */
export function codebookStatistics(
  counts: ArrayLike<number>,
  emaClusterSize?: ArrayLike<number>,
  deadThreshold = DEFAULT_DEAD_THRESHOLD,
): CodebookStatistics {
  const K = counts.length;
  if (emaClusterSize && emaClusterSize.length !== K)
    throw new Error(`codebookStatistics: ${K} counts but ${emaClusterSize.length} EMA sizes`);
  const total = sumOf(counts);
  const usage = Array.from({ length: K }, (_, k) => (total > 0 ? (counts[k] ?? 0) / total : 0));
  const usedCodes = usage.filter((u) => u > 0).length;
  const base = { usage, perplexity: perplexityOf(counts), usedCodes, utilisation: K > 0 ? usedCodes / K : 0 };
  if (!emaClusterSize) return { ...base, deadCodes: indicesWhere(K, (k) => (counts[k] ?? 0) <= 0) };
  const emaTotal = sumOf(emaClusterSize);
  return {
    ...base,
    deadCodes: indicesWhere(K, (k) => (emaClusterSize[k] ?? 0) < deadThreshold),
    emaUsage: Array.from({ length: K }, (_, k) => (emaTotal > 0 ? (emaClusterSize[k] ?? 0) / emaTotal : 0)),
    emaPerplexity: perplexityOf(emaClusterSize),
  };
}

function sumOf(values: ArrayLike<number>): number {
  let total = 0;
  for (let k = 0; k < values.length; k++) total += values[k] ?? 0;
  return total;
}

function indicesWhere(count: number, predicate: (k: number) => boolean): number[] {
  return Array.from({ length: count }, (_, k) => k).filter(predicate);
}
