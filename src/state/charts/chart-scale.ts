/**
 * Outlier-robust y ranges ("ignore outliers in chart scaling"): one loss blow-up at step 3 should not flatten the
 * rest of the curve into a line. The range spans the 1st to 99th percentile of the drawn values, with padding.
 */

export interface RobustDomainOptions {
  /** Lower percentile, as a fraction (0.01 = 1st percentile). */
  readonly lower?: number;
  /** Upper percentile, as a fraction. */
  readonly upper?: number;
  /** Padding added on each side, as a fraction of the clipped range. */
  readonly padding?: number;
  /** Log axis: only positive values count, and percentiles and padding are taken in log10 space. */
  readonly log?: boolean;
}

/**
 * The `q`-quantile (q ∈ [0, 1]) of ascending `sorted`, by linear interpolation between the two nearest ranks
 * (numpy's default `percentile` method). NaN for an empty array.
 */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1], got ${q}`);
  if (sorted.length === 0) return NaN;
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return low + (high - low) * (position - below);
}

/**
 * A y range [low, high] for `values` that leaves out the extreme tails: the `lower`–`upper` percentiles (default
 * 1st–99th) widened by `padding` (default 5 %) of their span on each side. A flat series gets ±5 % of its value
 * (±1 at zero) so it is drawn mid-chart. On a linear axis the range stops at 0 when no value is negative.
 * Non-finite values (and, on log axes, values ≤ 0) are ignored; `null` when nothing is left.
 */
export function robustDomain(values: Iterable<number>, options: RobustDomainOptions = {}): [number, number] | null {
  const { lower = 0.01, upper = 0.99, padding = 0.05, log = false } = options;
  if (!(lower >= 0 && lower <= upper && upper <= 1))
    throw new RangeError(`percentiles must satisfy 0 ≤ lower ≤ upper ≤ 1, got ${lower}, ${upper}`);
  const kept: number[] = [];
  for (const value of values) {
    if (!Number.isFinite(value) || (log && !(value > 0))) continue;
    kept.push(log ? Math.log10(value) : value);
  }
  if (kept.length === 0) return null;
  kept.sort((a, b) => a - b);
  const nonNegative = (kept[0] as number) >= 0;
  let low = quantileSorted(kept, lower);
  let high = quantileSorted(kept, upper);
  const span = high - low;
  if (span > 0) {
    low -= padding * span;
    high += padding * span;
  } else if (log) {
    // A flat series on a log axis: a tenth of a decade either side.
    low -= 0.1;
    high += 0.1;
  } else {
    const half = low === 0 ? 1 : Math.abs(low) * 0.05;
    low -= half;
    high += half;
  }
  if (log) return [10 ** low, 10 ** high];
  // Counts, rates and most losses are never negative: padding should not invent a negative range for them.
  return [nonNegative ? Math.max(0, low) : low, high];
}

/** A linear axis: its range and the ticks to label. */
export interface NiceAxis {
  readonly domain: [number, number];
  readonly ticks: readonly number[];
}

/**
 * `[low, high]` widened to multiples of a round step (1, 2, 2.5 or 5 × 10ᵏ, about five steps across) with a tick at
 * each multiple, so an axis with a computed range still gets round labels. An empty or flat range is kept as is.
 */
export function niceAxis([low, high]: readonly [number, number]): NiceAxis {
  const span = high - low;
  if (!(span > 0) || !Number.isFinite(span)) return { domain: [low, high], ticks: [low, high] };
  const rough = span / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= rough) ?? 10) * magnitude;
  // Rounding the quotients keeps float noise (0.3 / 0.1 = 2.9999999999999996) from adding or losing a step.
  const round = (x: number) => Math.round(x * 1e9) / 1e9;
  const first = Math.floor(round(low / step));
  const last = Math.ceil(round(high / step));
  // Ticks as k × step printed to 12 digits, so labels read 0.3, not 0.30000000000000004.
  const ticks = Array.from({ length: last - first + 1 }, (_, k) => Number(((first + k) * step).toPrecision(12)));
  return { domain: [ticks[0] as number, ticks[ticks.length - 1] as number], ticks };
}
