/**
 * What the comparison's runs amount to: each run's final values (the mean of its last steps, so one noisy step
 * does not decide), each arm's mean and spread over its seeds, the per-step bands the charts draw, and the
 * sentences that say it in words.
 */

import type { MetricPoint } from '../../protocol/metric-point';

/** What one step of a compared run left for the charts. */
export interface ComparisonPoint {
  readonly step: number;
  readonly commitmentCost: number;
  readonly perplexity: number;
  readonly usedCodes: number;
  /** The objective without the VQ term: what the decoders rebuild, weighted (NaN when the step reported none). */
  readonly reconstruction: number;
}

export type ComparisonValue = Exclude<keyof ComparisonPoint, 'step'>;

/** The values of a metric point the comparison keeps. */
export function toComparisonPoint(point: MetricPoint): ComparisonPoint {
  const vq = point.weightedLosses['vq'] ?? 0;
  return {
    step: point.step,
    commitmentCost: point.commitmentCost,
    perplexity: point.perplexity,
    usedCodes: point.usedCodes,
    reconstruction: point.total - vq,
  };
}

/** Steps averaged into a run's final values. */
export const FINAL_STEPS = 5;

export type FinalValues = Readonly<Record<ComparisonValue, number>> & { readonly step: number };

/** Mean of each value over the last `FINAL_STEPS` points (null before the first point). */
export function finalValues(points: readonly ComparisonPoint[]): FinalValues | null {
  const tail = points.slice(-FINAL_STEPS);
  const last = tail.at(-1);
  if (!last) return null;
  const mean = (value: ComparisonValue) => tail.reduce((sum, p) => sum + p[value], 0) / tail.length;
  return {
    step: last.step,
    commitmentCost: mean('commitmentCost'),
    perplexity: mean('perplexity'),
    usedCodes: mean('usedCodes'),
    reconstruction: mean('reconstruction'),
  };
}

/** Mean, smallest and largest of some numbers (NaN for none). */
export interface Spread {
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  readonly count: number;
}

export function spreadOf(values: readonly number[]): Spread {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { mean: NaN, min: NaN, max: NaN, count: 0 };
  return {
    mean: finite.reduce((a, b) => a + b, 0) / finite.length,
    min: Math.min(...finite),
    max: Math.max(...finite),
    count: finite.length,
  };
}

/** One arm over its seeds: the spread of each final value, and at which step the runs ended. */
export interface ArmSummary {
  readonly id: string;
  readonly label: string;
  readonly step: number;
  readonly perplexity: Spread;
  readonly usedCodes: Spread;
  readonly reconstruction: Spread;
}

export function armSummary(
  id: string,
  label: string,
  runs: readonly (readonly ComparisonPoint[])[],
): ArmSummary | null {
  const finals = runs.map(finalValues).filter((f): f is FinalValues => f !== null);
  if (finals.length === 0) return null;
  const of = (value: ComparisonValue) => spreadOf(finals.map((f) => f[value]));
  return {
    id,
    label,
    step: Math.max(...finals.map((f) => f.step)),
    perplexity: of('perplexity'),
    usedCodes: of('usedCodes'),
    reconstruction: of('reconstruction'),
  };
}

/** One step of an arm's band: the mean over its seeds and the lowest and highest seed. */
export interface BandPoint {
  readonly step: number;
  readonly mean: number;
  readonly low: number;
  readonly high: number;
}

/** Per step, the mean and range of `value` over the runs that reached that step. */
export function bandOf(runs: readonly (readonly ComparisonPoint[])[], value: ComparisonValue): BandPoint[] {
  const byStep = new Map<number, number[]>();
  for (const points of runs) {
    for (const point of points) {
      if (!Number.isFinite(point[value])) continue;
      const values = byStep.get(point.step) ?? [];
      values.push(point[value]);
      byStep.set(point.step, values);
    }
  }
  return [...byStep.entries()]
    .sort(([a], [b]) => a - b)
    .map(([step, values]) => {
      const spread = spreadOf(values);
      return { step, mean: spread.mean, low: spread.min, high: spread.max };
    });
}

const one = (value: number) => (Math.abs(value) >= 10 ? value.toFixed(0) : value.toFixed(1));
const range = (spread: Spread) =>
  spread.count < 2 ? '' : spread.min === spread.max ? `, every seed` : `, seeds ${one(spread.min)}–${one(spread.max)}`;

/** "constant β: 14.6 codes in use at step 80 (perplexity 11.4, seeds 9.8–15.7)" for each arm, joined. */
export function armSentence(arm: ArmSummary, codes: number): string {
  return `${arm.label}: ${one(arm.usedCodes.mean)} of ${codes} codes in use at step ${arm.step} (perplexity ${one(arm.perplexity.mean)}${range(arm.perplexity)})`;
}

/** Largest over smallest mean final perplexity of the arms (NaN with fewer than two arms). */
export function perplexityRatio(arms: readonly ArmSummary[]): number {
  const means = arms.map((arm) => arm.perplexity.mean).filter((v) => Number.isFinite(v) && v > 0);
  return means.length < 2 ? NaN : Math.max(...means) / Math.min(...means);
}

/**
 * What the runs showed, from their numbers: which arm kept the most codes and which the fewest, by how much, and
 * whether the reconstruction differs by more than its seed spread.
 */
export function comparisonFindings(arms: readonly ArmSummary[], codes: number): string[] {
  if (arms.length < 2) return [];
  const byCodes = [...arms].sort((a, b) => b.perplexity.mean - a.perplexity.mean);
  const most = byCodes[0] as ArmSummary;
  const fewest = byCodes.at(-1) as ArmSummary;
  const findings = [`${arms.map((arm) => armSentence(arm, codes)).join('; ')}.`];
  findings.push(`${most.label} ends with ${perplexityRatio(arms).toFixed(1)}× the perplexity of ${fewest.label}.`);
  const reconstructions = arms.map((arm) => arm.reconstruction);
  const gap = Math.max(...reconstructions.map((r) => r.mean)) - Math.min(...reconstructions.map((r) => r.mean));
  const seedSpread = Math.max(...reconstructions.map((r) => r.max - r.min));
  findings.push(
    gap > seedSpread
      ? `Reconstruction loss differs between the schedules (by ${gap.toFixed(3)}) by more than between seeds (${seedSpread.toFixed(3)}).`
      : `Reconstruction loss is the same within the seed spread (schedules ${gap.toFixed(3)} apart, seeds up to ${seedSpread.toFixed(3)}): in so few steps the decoders have not yet learned to read the tokens, so the codes kept cost nothing and buy nothing yet.`,
  );
  return findings;
}
