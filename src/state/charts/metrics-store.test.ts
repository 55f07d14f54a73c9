import { beforeEach, describe, expect, it } from 'vitest';
import { fakePoint, fakePoints } from '../fake-metric-points.node';
import { extractSeries, mergeSeriesRows, namesWithPrefix, SERIES } from './metric-series';
import { appendMetrics, resetMetrics, selectSeriesView, useMetricsStore } from './metrics-store';

beforeEach(() => resetMetrics());

describe('extractSeries', () => {
  it('flattens each point into named series and leaves out non-finite values', () => {
    const series = extractSeries([
      fakePoint(1),
      fakePoint(2, { gradientNorms: { global: Infinity, encoder: NaN, decoder: 1, largest: [], smallest: [] } }),
    ]);
    expect(series.get(SERIES.total)?.map((p) => p.step)).toEqual([1, 2]);
    expect(series.get('loss.aminoAcid')?.[0]?.value).toBeCloseTo(3 / 1.1);
    expect(series.get('weighted.edge')?.[1]?.value).toBeCloseTo((0.25 * 0.7) / 1.1);
    expect(series.get('lr.muon')?.length).toBe(2);
    expect(series.get(SERIES.gradGlobal)?.map((p) => p.step)).toEqual([1]);
    expect(series.get(SERIES.gradEncoder)?.map((p) => p.step)).toEqual([1]);
    expect(namesWithPrefix([...series.keys()], 'loss')).toEqual(['loss.aminoAcid', 'loss.edge']);
    expect(namesWithPrefix([...series.keys()], 'lr')).toEqual(['lr.muon', 'lr.adamw']);
  });
});

describe('metrics store', () => {
  it('appends batches, tracks the latest point and the count received', () => {
    appendMetrics(fakePoints(1, 3));
    appendMetrics(fakePoints(4, 2));
    const state = useMetricsStore.getState();
    expect(state.received).toBe(5);
    expect(state.points.map((p) => p.step)).toEqual([1, 2, 3, 4, 5]);
    expect(state.latest?.step).toBe(5);
    expect(selectSeriesView(state, SERIES.total).length).toBe(5);
    expect(state.seriesNames).toContain('loss.edge');
  });

  it('keeps the full series bounded and the chart view downsampled to at most maxChartPoints', () => {
    resetMetrics({ capacity: 2_000, maxChartPoints: 100 });
    for (let step = 1; step <= 5_000; step += 250) appendMetrics(fakePoints(step, 250));
    const state = useMetricsStore.getState();
    expect(state.received).toBe(5_000);
    expect(state.points.length).toBe(2_000);
    expect(state.points[0]?.step).toBe(3_001);
    expect(state.series[SERIES.total]?.length).toBe(2_000);
    const view = selectSeriesView(state, SERIES.total);
    expect(view.length).toBeLessThanOrEqual(100);
    expect(view[0]?.step).toBe(3_001);
    expect(view[view.length - 1]?.step).toBe(5_000);
  });

  it('leaves untouched series and names identical between batches, and an empty batch changes nothing', () => {
    appendMetrics(fakePoints(1, 2));
    const before = useMetricsStore.getState();
    appendMetrics([]);
    expect(useMetricsStore.getState()).toBe(before);
    appendMetrics(fakePoints(3, 1));
    const after = useMetricsStore.getState();
    expect(after.seriesNames).toBe(before.seriesNames);
    expect(selectSeriesView(after, 'no-such-series')).toBe(selectSeriesView(before, 'no-such-series'));
  });

  it('at the 20,000-point bound, one batch of 10 costs milliseconds, not a frame budget', () => {
    for (let step = 1; step <= 20_000; step += 2_000) appendMetrics(fakePoints(step, 2_000));
    const started = performance.now();
    for (let step = 20_001; step <= 20_500; step += 10) appendMetrics(fakePoints(step, 10));
    const perBatchMs = (performance.now() - started) / 50;
    const state = useMetricsStore.getState();
    expect(state.points.length).toBe(20_000);
    expect(state.points[0]?.step).toBe(501);
    expect(selectSeriesView(state, SERIES.total).length).toBeLessThanOrEqual(500);
    expect(perBatchMs).toBeLessThan(50);
  });

  it('reset forgets everything', () => {
    appendMetrics(fakePoints(1, 3));
    resetMetrics();
    const state = useMetricsStore.getState();
    expect(state.received).toBe(0);
    expect(state.latest).toBeNull();
    expect(state.seriesNames).toEqual([]);
  });
});

describe('mergeSeriesRows', () => {
  it('puts every series on one step axis, in step order, and drops non-positive values for log axes', () => {
    const a = [
      { step: 1, value: 2 },
      { step: 3, value: 0 },
    ];
    const b = [
      { step: 2, value: 5 },
      { step: 3, value: 7 },
    ];
    expect(mergeSeriesRows([a, b])).toEqual([
      { step: 1, s0: 2 },
      { step: 2, s1: 5 },
      { step: 3, s0: 0, s1: 7 },
    ]);
    expect(mergeSeriesRows([a, b], true)).toEqual([
      { step: 1, s0: 2 },
      { step: 2, s1: 5 },
      { step: 3, s1: 7 },
    ]);
  });
});
