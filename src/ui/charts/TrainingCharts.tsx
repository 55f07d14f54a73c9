/**
 * The run's live charts, laid out like FoldTree2's TensorBoard: losses (total and each term), learning rate per
 * optimizer group, gradient norms (log axis), commitment cost against the VQ loss, and codebook use.
 */
import { useMemo, useState } from 'react';
import { memberOf, namesWithPrefix, SERIES, seriesName } from '../../state/metric-series';
import { useSeriesNames } from '../../state/metrics-store';
import { MetricChart, type ChartSeries } from './MetricChart';

const PALETTE = ['#3867d6', '#e1533b', '#20a36b', '#a35bd6', '#e0a100', '#1aa3b8', '#d6457f', '#6b7a8f'];

const LOSS_LABELS: Readonly<Record<string, string>> = {
  aminoAcid: 'amino acids (x)',
  edge: 'contacts',
  logit: 'distogram',
  angles: 'angles',
  ss: 'secondary structure',
  vq: 'VQ',
  fft2: 'FFT2',
};

const colored = (entries: ReadonlyArray<Omit<ChartSeries, 'color'>>, offset = 0): ChartSeries[] =>
  entries.map((entry, k) => ({ ...entry, color: PALETTE[(k + offset) % PALETTE.length] ?? '#333' }));

const GRADIENT_SERIES = colored([
  { name: SERIES.gradGlobal, label: 'global' },
  { name: SERIES.gradEncoder, label: 'encoder' },
  { name: SERIES.gradDecoder, label: 'decoder' },
]);

const COMMITMENT_SERIES = colored([
  { name: SERIES.commitmentCost, label: 'commitment cost β' },
  { name: seriesName('loss', 'vq'), label: 'VQ loss (raw)', right: true },
]);

const CODEBOOK_SERIES = colored([
  { name: SERIES.perplexity, label: 'perplexity (effective codes)' },
  { name: SERIES.usedCodes, label: 'codes used' },
  { name: SERIES.deadCodes, label: 'dead codes' },
]);

type LossView = 'weighted' | 'loss';

export function TrainingCharts() {
  const names = useSeriesNames();
  const [lossView, setLossView] = useState<LossView>('weighted');
  const [lossLog, setLossLog] = useState(false);
  const lossSeries = useMemo(
    () => [
      { name: SERIES.total, label: 'total', color: '#1d2430' },
      ...colored(namesWithPrefix(names, lossView).map((name) => ({ name, label: LOSS_LABELS[memberOf(name)] ?? memberOf(name) }))),
    ],
    [names, lossView],
  );
  const lrSeries = useMemo(() => colored(namesWithPrefix(names, 'lr').map((name) => ({ name, label: memberOf(name) }))), [names]);
  return (
    <div className="charts-grid">
      <MetricChart title="Loss" testId="loss-chart" series={lossSeries} logScale={lossLog} countSeries={SERIES.total} height={260}>
        <span className="chart-options">
          <button type="button" className="button-link" aria-pressed={lossView === 'weighted'} onClick={() => setLossView(lossView === 'weighted' ? 'loss' : 'weighted')}>
            {lossView === 'weighted' ? 'terms: weighted (sum to total)' : 'terms: raw'}
          </button>
          <button type="button" className="button-link" aria-pressed={lossLog} onClick={() => setLossLog(!lossLog)}>
            {lossLog ? 'log scale' : 'linear scale'}
          </button>
        </span>
      </MetricChart>
      <MetricChart title="Learning rate per group" testId="lr-chart" series={lrSeries} logScale />
      <MetricChart
        title="Gradient norms (before clipping)"
        testId="grad-chart"
        series={GRADIENT_SERIES}
        logScale
        noFinite="No finite gradient norm yet: every step so far was skipped (non-finite gradients)."
      />
      <MetricChart title="Commitment cost and VQ loss" testId="commitment-chart" series={COMMITMENT_SERIES} />
      <MetricChart title="Codebook use" testId="codebook-chart" series={CODEBOOK_SERIES} />
    </div>
  );
}
