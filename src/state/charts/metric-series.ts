/**
 * Chart series names, defined once, and the flattening of `MetricPoint`s into them. A series is one number per
 * optimizer step: `total`, `loss.<term>` (raw), `weighted.<term>` (weight × raw), `lr.<group>`, `grad.global` …
 * Non-finite values (a skipped step's infinite gradient norm, a NaN loss) are left out: a chart cannot draw
 * them, and the log shows skipped steps.
 */
import type { MetricPoint } from '../../protocol/metric-point';
import type { SeriesPoint } from './downsample-metrics';

export const SERIES = {
  total: 'total',
  gradGlobal: 'grad.global',
  gradEncoder: 'grad.encoder',
  gradDecoder: 'grad.decoder',
  commitmentCost: 'commitmentCost',
  perplexity: 'perplexity',
  usedCodes: 'usedCodes',
  deadCodes: 'deadCodes',
  lossScale: 'lossScale',
  skippedSteps: 'skippedSteps',
  residuesPerSecond: 'residuesPerSecond',
  proteinsPerSecond: 'proteinsPerSecond',
  stepMs: 'stepMs',
} as const;

/**
 * Prefixes of the series that have one member per loss term, optimizer group or data-parallel trainer
 * (`trainer.<rank>.<timing>`, present only when a run has two or more trainers).
 */
export const SERIES_PREFIX = {
  loss: 'loss.',
  weighted: 'weighted.',
  lr: 'lr.',
  lossWeight: 'lossWeight.',
  trainer: 'trainer.',
} as const;

/** What each data-parallel trainer reports per step (fields of `TrainerTiming`). */
export const TRAINER_TIMINGS = ['stepMs', 'exchangeMs', 'residuesPerSecond'] as const;
export type TrainerTimingName = (typeof TRAINER_TIMINGS)[number];

export type SeriesPrefix = keyof typeof SERIES_PREFIX;

export function seriesName(prefix: SeriesPrefix, member: string): string {
  return `${SERIES_PREFIX[prefix]}${member}`;
}

/** `trainer.<rank>.<timing>`, e.g. `trainer.1.exchangeMs`. */
export function trainerSeriesName(rank: number, timing: TrainerTimingName): string {
  return `${SERIES_PREFIX.trainer}${rank}.${timing}`;
}

/** The `trainer.<rank>.<timing>` names in `names`, by rank (numerically). */
export function trainerSeriesNames(names: readonly string[], timing: TrainerTimingName): string[] {
  const rank = (name: string) => Number(name.slice(SERIES_PREFIX.trainer.length, name.lastIndexOf('.')));
  return names
    .filter((name) => name.startsWith(SERIES_PREFIX.trainer) && name.endsWith(`.${timing}`))
    .sort((a, b) => rank(a) - rank(b));
}

/** `loss.aminoAcid` → `aminoAcid`. */
export function memberOf(name: string): string {
  return name.slice(name.indexOf('.') + 1);
}

/** Every (series, value) pair one point carries, finite or not. */
export function pointValues(point: MetricPoint): Array<readonly [string, number]> {
  const values: Array<readonly [string, number]> = [[SERIES.total, point.total]];
  for (const [term, value] of Object.entries(point.losses)) values.push([seriesName('loss', term), value]);
  for (const [term, value] of Object.entries(point.weightedLosses)) values.push([seriesName('weighted', term), value]);
  for (const [group, value] of Object.entries(point.learningRates)) values.push([seriesName('lr', group), value]);
  for (const [term, value] of Object.entries(point.lossWeights)) values.push([seriesName('lossWeight', term), value]);
  values.push(
    [SERIES.gradGlobal, point.gradientNorms.global],
    [SERIES.gradEncoder, point.gradientNorms.encoder],
    [SERIES.gradDecoder, point.gradientNorms.decoder],
    [SERIES.commitmentCost, point.commitmentCost],
    [SERIES.perplexity, point.perplexity],
    [SERIES.usedCodes, point.usedCodes],
    [SERIES.deadCodes, point.deadCodes],
    [SERIES.lossScale, point.lossScale],
    [SERIES.skippedSteps, point.skippedSteps],
    [SERIES.residuesPerSecond, point.residuesPerSecond],
    [SERIES.proteinsPerSecond, point.proteinsPerSecond],
    [SERIES.stepMs, point.stepMs],
  );
  for (const trainer of point.trainers ?? []) {
    for (const timing of TRAINER_TIMINGS) values.push([trainerSeriesName(trainer.rank, timing), trainer[timing]]);
  }
  return values;
}

/**
 * The finite values of `points`, grouped by series in first-seen order, each in step order as given, each point
 * carrying its step's `elapsedMs` (for a relative-time axis and for exports).
 */
export function extractSeries(points: readonly MetricPoint[]): Map<string, SeriesPoint[]> {
  const series = new Map<string, SeriesPoint[]>();
  for (const point of points) {
    for (const [name, value] of pointValues(point)) {
      if (!Number.isFinite(value)) continue;
      let list = series.get(name);
      if (!list) series.set(name, (list = []));
      list.push({ step: point.step, value, elapsedMs: point.elapsedMs });
    }
  }
  return series;
}

/** The names in `names` that start with `prefix`'s text, in order. */
export function namesWithPrefix(names: readonly string[], prefix: SeriesPrefix): string[] {
  return names.filter((name) => name.startsWith(SERIES_PREFIX[prefix]));
}

/** One x position of a multi-series chart: `s0`, `s1`, … hold the value of series 0, 1, … at `step`, if it has one. */
export interface ChartRow {
  readonly step: number;
  readonly [key: `s${number}`]: number | undefined;
}

/** Chart key of the series at `index` (a plain key: recharts reads dotted keys as paths). */
export function chartKey(index: number): `s${number}` {
  return `s${index}`;
}

/**
 * Rows for a chart drawing several series: one row per step present in any series, in step order, each series'
 * value under `chartKey(index)`. With `positiveOnly` (log axes) values ≤ 0 are left out.
 */
export function mergeSeriesRows(views: ReadonlyArray<readonly SeriesPoint[]>, positiveOnly = false): ChartRow[] {
  const rows = new Map<number, Record<string, number>>();
  views.forEach((view, index) => {
    const key = chartKey(index);
    for (const point of view) {
      if (positiveOnly && !(point.value > 0)) continue;
      let row = rows.get(point.step);
      if (!row) rows.set(point.step, (row = { step: point.step }));
      row[key] = point.value;
    }
  });
  return [...rows.values()].sort((a, b) => (a['step'] as number) - (b['step'] as number)) as unknown as ChartRow[];
}
