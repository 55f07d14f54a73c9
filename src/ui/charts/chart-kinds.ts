/**
 * The line charts of a run, declared once as data — FoldTree2's TensorBoard layout plus the studio's own
 * (throughput, per-trainer timings). Each kind is drawn by `MetricChart` with test id `chart-<kind>`; its series
 * come from the run's series names, so loss terms, optimizer groups and trainer ranks appear as the run reports
 * them.
 */
import {
  memberOf,
  namesWithPrefix,
  SERIES,
  seriesName,
  trainerSeriesNames,
  type SeriesPrefix,
} from '../../state/charts/metric-series';
import { CHART_PALETTE } from '../../state/runs/overlay-choice';

export interface ChartSeries {
  /** Series name in the metrics store (`total`, `loss.edge`, `trainer.1.stepMs` …). */
  readonly name: string;
  readonly label: string;
  readonly color: string;
  /** Drawn against the right-hand axis (a quantity on another scale). */
  readonly right?: boolean;
}

export interface LineChartKind {
  /** Stable id: test id `chart-<kind>`, download file names, the per-chart log-axis setting. */
  readonly kind: string;
  readonly title: string;
  /** The series drawn, the first one being the chart's main series, from the names the run has so far. */
  readonly series: (names: readonly string[]) => readonly ChartSeries[];
  /** Log y axis unless the user chose otherwise. */
  readonly logY: boolean;
  /** Shown when points arrived but none had a finite value for these series. */
  readonly noData?: string;
  /** Spans the whole grid row. */
  readonly wide?: boolean;
}

const color = (k: number): string => CHART_PALETTE[k % CHART_PALETTE.length] ?? '#333';

const LOSS_LABELS: Readonly<Record<string, string>> = {
  aminoAcid: 'amino acids (x)',
  edge: 'contacts',
  logit: 'distogram',
  angles: 'angles',
  ss: 'secondary structure',
  vq: 'VQ',
  fft2: 'FFT2',
};

const fixed = (entries: ReadonlyArray<Omit<ChartSeries, 'color'>>) => {
  const series = entries.map((entry, k) => ({ ...entry, color: color(k) }));
  return () => series;
};

const perMember =
  (prefix: SeriesPrefix, labels: Readonly<Record<string, string>> = {}) =>
  (names: readonly string[]) =>
    namesWithPrefix(names, prefix).map((name, k) => ({
      name,
      label: labels[memberOf(name)] ?? memberOf(name),
      color: color(k),
    }));

/** A chart of two quantities on different scales, `left` against the left axis and `right` the right, linear y. */
const twoScales = (
  kind: string,
  title: string,
  left: Omit<ChartSeries, 'color'>,
  right: Omit<ChartSeries, 'color'>,
): LineChartKind => ({ kind, title, series: fixed([left, { ...right, right: true }]), logY: false });

const rankOf = (name: string) => name.split('.')[1] ?? '?';

export const LINE_CHARTS: readonly LineChartKind[] = [
  {
    kind: 'loss',
    title: 'Loss: total and weighted terms (they sum to the total)',
    series: (names) => [
      { name: SERIES.total, label: 'total', color: '#1d2430' },
      ...perMember('weighted', LOSS_LABELS)(names),
    ],
    logY: false,
    wide: true,
  },
  { kind: 'loss-raw', title: 'Loss terms, raw (before weights)', series: perMember('loss', LOSS_LABELS), logY: false },
  { kind: 'loss-weights', title: 'Loss weights', series: perMember('lossWeight', LOSS_LABELS), logY: false },
  { kind: 'lr', title: 'Learning rate per optimizer group', series: perMember('lr'), logY: true },
  {
    kind: 'grad',
    title: 'Gradient norms (before clipping)',
    series: fixed([
      { name: SERIES.gradGlobal, label: 'global' },
      { name: SERIES.gradEncoder, label: 'encoder' },
      { name: SERIES.gradDecoder, label: 'decoder' },
    ]),
    logY: true,
    noData: 'No finite gradient norm yet: every step so far was skipped (non-finite gradients).',
  },
  twoScales(
    'commitment',
    'Commitment cost β and VQ loss',
    { name: SERIES.commitmentCost, label: 'commitment cost β' },
    { name: seriesName('loss', 'vq'), label: 'VQ loss (raw)' },
  ),
  twoScales(
    'loss-scale',
    'Loss scale and skipped steps',
    { name: SERIES.lossScale, label: 'loss scale' },
    { name: SERIES.skippedSteps, label: 'skipped steps (total)' },
  ),
  {
    kind: 'codebook',
    title: 'Codebook use',
    series: fixed([
      { name: SERIES.perplexity, label: 'perplexity (effective codes)' },
      { name: SERIES.usedCodes, label: 'codes used' },
      { name: SERIES.deadCodes, label: 'dead codes' },
    ]),
    logY: false,
  },
  twoScales(
    'throughput',
    'Throughput',
    { name: SERIES.residuesPerSecond, label: 'residues/s' },
    { name: SERIES.stepMs, label: 'step time (ms)' },
  ),
  {
    kind: 'trainer-time',
    title: 'Per trainer: step and all-reduce time (ms)',
    series: (names) => {
      const steps = trainerSeriesNames(names, 'stepMs');
      const exchanges = trainerSeriesNames(names, 'exchangeMs');
      return [
        ...steps.map((name, k) => ({ name, label: `rank ${rankOf(name)} step`, color: color(k) })),
        ...exchanges.map((name, k) => ({
          name,
          label: `rank ${rankOf(name)} all-reduce`,
          color: color(k + steps.length),
        })),
      ];
    },
    logY: false,
    noData: 'Per-trainer timings appear when a run has two or more trainers (training.workers).',
  },
  {
    kind: 'trainer-throughput',
    title: 'Per trainer: residues/s',
    series: (names) =>
      trainerSeriesNames(names, 'residuesPerSecond').map((name, k) => ({
        name,
        label: `rank ${rankOf(name)}`,
        color: color(k),
      })),
    logY: false,
    noData: 'Per-trainer throughput appears when a run has two or more trainers (training.workers).',
  },
];
