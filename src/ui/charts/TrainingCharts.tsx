/**
 * The run's live charts, laid out like FoldTree2's TensorBoard (losses, learning rates, gradient norms,
 * commitment cost, codebook use) plus code usage, throughput and per-trainer timings, under the shared chart
 * settings. Each chart subscribes to its own series only, so this component renders once.
 */
import { Fragment } from 'react';
import { ChartOptionsBar } from './ChartOptionsBar';
import { CodeUsageChart } from './CodeUsageChart';
import { LINE_CHARTS } from './chart-kinds';
import { MetricChart } from './MetricChart';

export function TrainingCharts() {
  return (
    <div className="training-charts">
      <ChartOptionsBar />
      <div className="charts-grid">
        {LINE_CHARTS.map((kind) => (
          <Fragment key={kind.kind}>
            <MetricChart kind={kind} />
            {kind.kind === 'codebook' && <CodeUsageChart />}
          </Fragment>
        ))}
      </div>
    </div>
  );
}
