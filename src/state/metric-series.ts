/**
 * Chart series names, defined once, and the flattening of `MetricPoint`s into them. A series is one number per
 * optimizer step: `total`, `loss.<term>` (raw), `weighted.<term>` (weight × raw), `lr.<group>`, `grad.global` …
 * Non-finite values (a skipped step's infinite gradient norm, a NaN loss) are left out: a chart cannot draw
 * them, and the log shows skipped steps.
 */
import type { MetricPoint } from '../protocol/metric-point';
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
  residuesPerSecond: 'residuesPerSecond',
  stepMs: 'stepMs',
} as const;

/** Prefixes of the series that have one member per loss term or optimizer group. */
export const SERIES_PREFIX = { loss: 'loss.', weighted: 'weighted.', lr: 'lr.', lossWeight: 'lossWeight.' } as const;

export type SeriesPrefix = keyof typeof SERIES_PREFIX;

export function seriesName(prefix: SeriesPrefix, member: string): string {
  return `${SERIES_PREFIX[prefix]}${member}`;
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
    [SERIES.residuesPerSecond, point.residuesPerSecond],
    [SERIES.stepMs, point.stepMs],
  );
  return values;
}

/** The finite values of `points`, grouped by series in first-seen order, each in step order as given. */
export function extractSeries(points: readonly MetricPoint[]): Map<string, SeriesPoint[]> {
  const series = new Map<string, SeriesPoint[]>();
  for (const point of points) {
    for (const [name, value] of pointValues(point)) {
      if (!Number.isFinite(value)) continue;
      let list = series.get(name);
      if (!list) series.set(name, (list = []));
      list.push({ step: point.step, value });
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
