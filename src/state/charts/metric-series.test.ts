import { describe, expect, it } from 'vitest';
import { fakePoint } from '../fake-metric-points.node';
import { extractSeries, SERIES, trainerSeriesName, trainerSeriesNames } from './metric-series';

describe('metric series', () => {
  it('carries each point’s elapsed time, skipped-step count and proteins/s', () => {
    const series = extractSeries([fakePoint(1), fakePoint(2, { skippedSteps: 1, skipped: true })]);
    expect(series.get(SERIES.total)?.map((p) => p.elapsedMs)).toEqual([500, 1000]);
    expect(series.get(SERIES.skippedSteps)?.map((p) => p.value)).toEqual([0, 1]);
    expect(series.get(SERIES.proteinsPerSecond)?.map((p) => p.value)).toEqual([4, 4]);
  });

  it('gives each data-parallel trainer its step time, all-reduce time and residues/s', () => {
    const trainers = [
      { rank: 0, stepMs: 900, exchangeMs: 120, residuesPerSecond: 35.5 },
      { rank: 1, stepMs: 950, exchangeMs: 80, residuesPerSecond: Infinity },
    ];
    const series = extractSeries([fakePoint(1, { trainers }), fakePoint(2)]);
    expect(series.get('trainer.0.stepMs')).toEqual([{ step: 1, value: 900, elapsedMs: 500 }]);
    expect(series.get('trainer.1.exchangeMs')?.[0]?.value).toBe(80);
    expect(series.get('trainer.0.residuesPerSecond')?.[0]?.value).toBe(35.5);
    expect(series.has('trainer.1.residuesPerSecond')).toBe(false); // not finite
    expect(trainerSeriesName(3, 'exchangeMs')).toBe('trainer.3.exchangeMs');
  });

  it('lists one timing of every trainer by rank, numerically', () => {
    const names = [
      'total',
      'trainer.10.stepMs',
      'trainer.2.stepMs',
      'trainer.2.exchangeMs',
      'trainer.0.stepMs',
      'stepMs',
    ];
    expect(trainerSeriesNames(names, 'stepMs')).toEqual(['trainer.0.stepMs', 'trainer.2.stepMs', 'trainer.10.stepMs']);
    expect(trainerSeriesNames(names, 'exchangeMs')).toEqual(['trainer.2.exchangeMs']);
  });
});
