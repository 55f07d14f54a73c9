import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../state/charts/downsample-metrics';
import { smoothedValues } from '../../state/charts/smoothing';
import type { ChartSeries } from './chart-kinds';
import { lineChartModel, type LinePlotInput } from './line-chart-model';

const points = (n: number, f: (k: number) => number): SeriesPoint[] =>
  Array.from({ length: n }, (_, k) => ({ step: k + 1, value: f(k), elapsedMs: 500 * (k + 1) }));
const SERIES: ChartSeries[] = [
  { name: 'total', label: 'total', color: '#000' },
  { name: 'weighted.edge', label: 'contacts', color: '#f00' },
  { name: 'stepMs', label: 'step time', color: '#0f0', right: true },
];

function input(n: number, overrides: Partial<LinePlotInput> = {}): LinePlotInput {
  return {
    series: SERIES,
    full: [points(n, (k) => 3 / (1 + k)), points(n, (k) => 1 + Math.sin(k)), points(n, () => 400)],
    hidden: new Set(),
    smoothing: 0.6,
    xAxis: 'step',
    logY: false,
    ignoreOutliers: false,
    events: [{ step: 3, kind: 'change', label: 'lr → 0.001', time: 0 }],
    overlays: [],
    maxPoints: 300,
    ...overrides,
  };
}

describe('lineChartModel', () => {
  it('draws every point of a short run, raw and smoothed, with markers', () => {
    const model = lineChartModel(input(50));
    expect(model.lines.map((line) => line.key)).toEqual(['r0', 'm0', 'r1', 'm1', 'r2', 'm2']);
    expect(model.rows).toHaveLength(50);
    const smoothed = smoothedValues(
      points(50, (k) => 3 / (1 + k)),
      0.6,
    );
    expect(model.rows.map((row) => row['m0'])).toEqual([...smoothed]);
    expect(model.markers).toEqual([{ x: 3, step: 3, kind: 'change', label: 'lr → 0.001' }]);
    expect(model.hasRight).toBe(true);
  });

  it('puts a long run on one grid no wider than the chart, whatever the number of lines', () => {
    const model = lineChartModel(input(5_000));
    expect(model.rows.length).toBeLessThanOrEqual(300 + 2);
    expect(model.rows.at(-1)).toMatchObject({ x: 5_000, r0: 3 / 5_000 });
  });

  it('leaves out hidden series and, ignoring outliers, ranges the axes on what is drawn', () => {
    const model = lineChartModel(input(2_000, { hidden: new Set(['stepMs']), ignoreOutliers: true, smoothing: 0 }));
    expect(model.lines.map((line) => line.key)).toEqual(['r0', 'r1']);
    expect(model.hasRight).toBe(false);
    expect(model.leftAxis?.domain[1]).toBeLessThan(3);
    expect(model.rightAxis).toBeNull();
  });
});
