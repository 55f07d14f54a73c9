/**
 * Settings every chart shares (smoothing, x axis, outlier-robust y ranges; kept across visits) and the downloads
 * of the whole run's metrics.
 */
import {
  setIgnoreOutliers,
  setSmoothing,
  setXAxis,
  useChartOptions,
  type XAxisMode,
} from '../../state/charts/chart-options';
import { downloadRunMetrics, downloadRunTensorboard } from '../../state/charts/metrics-download';
import { useMetricsStore } from '../../state/charts/metrics-store';
import { MAX_SMOOTHING } from '../../state/charts/smoothing';
import { ChartDownloads } from './ChartDownloads';
import { currentRunName } from './run-name';

const X_AXIS_LABELS: Readonly<Record<XAxisMode, string>> = { step: 'step', time: 'relative time' };

export function ChartOptionsBar() {
  const smoothing = useChartOptions((state) => state.smoothing);
  const xAxis = useChartOptions((state) => state.xAxis);
  const ignoreOutliers = useChartOptions((state) => state.ignoreOutliers);
  const anyReceived = useMetricsStore((state) => state.received > 0);
  return (
    <div className="chart-options-bar" role="group" aria-label="Chart settings">
      <label
        className="chart-option"
        title="Debiased exponential moving average (as TensorBoard); the raw values stay drawn, faint"
      >
        Smoothing
        <input
          type="range"
          min={0}
          max={MAX_SMOOTHING}
          step={0.01}
          value={smoothing}
          data-testid="chart-smoothing"
          onChange={(event) => setSmoothing(Number(event.currentTarget.value))}
        />
        <output className="chart-option-value">{smoothing.toFixed(2)}</output>
      </label>
      <label className="chart-option">
        x axis
        <select
          value={xAxis}
          data-testid="chart-x-axis"
          onChange={(event) => setXAxis(event.currentTarget.value === 'time' ? 'time' : 'step')}
        >
          {(Object.keys(X_AXIS_LABELS) as XAxisMode[]).map((mode) => (
            <option key={mode} value={mode}>
              {X_AXIS_LABELS[mode]}
            </option>
          ))}
        </select>
      </label>
      <label
        className="chart-option"
        title="Scale each y axis to the 1st–99th percentile of what is drawn, so one spike does not flatten the curve"
      >
        <input
          type="checkbox"
          checked={ignoreOutliers}
          data-testid="chart-ignore-outliers"
          onChange={(event) => setIgnoreOutliers(event.currentTarget.checked)}
        />
        Ignore outliers in y scaling
      </label>
      <span className="chart-option chart-run-downloads">
        All metrics of this run:
        <ChartDownloads
          testId="charts-run"
          what="every metric of this run"
          onDownload={(format) => downloadRunMetrics(currentRunName(), format)}
          disabled={!anyReceived}
        />
        <button
          type="button"
          className="button-link"
          data-testid="charts-run-tfevents"
          disabled={!anyReceived}
          title="A TensorBoard event file with FoldTree2's tag names (Loss/AA, Loss/Total, Learning_Rate, …)"
          onClick={() => downloadRunTensorboard(currentRunName())}
        >
          TensorBoard
        </button>
      </span>
    </div>
  );
}
