import { beforeEach, describe, expect, it } from 'vitest';
import type { FileSaver } from '../download-file';
import { fakePoints } from '../fake-metric-points.node';
import { downloadChartSeries, downloadCodeUsage, downloadRunMetrics, downloadRunTensorboard } from './metrics-download';
import { readWithPython } from '../../formats/tensorboard/python-reader.node';
import { appendMetrics, resetMetrics, selectSeriesView, useMetricsStore } from './metrics-store';

interface Saved {
  readonly text: string;
  readonly fileName: string;
  readonly mimeType: string;
}

function recorder(): { saved: Saved[]; save: FileSaver } {
  const saved: Saved[] = [];
  return { saved, save: (data, fileName, mimeType) => void saved.push({ text: String(data), fileName, mimeType }) };
}

beforeEach(() => resetMetrics({ maxChartPoints: 50 }));

describe('metric downloads', () => {
  it('a chart CSV holds every step at full resolution, not the downsampled view, with the store’s exact numbers', () => {
    // Irrational-looking values so that any rounding on the way would show.
    appendMetrics(fakePoints(1, 400).map((p) => ({ ...p, total: p.total * Math.PI, elapsedMs: p.elapsedMs + 1 / 7 })));
    const { save, saved } = recorder();
    downloadChartSeries('my run', 'loss', ['total', 'weighted.edge'], 'csv', save);
    expect(saved[0]?.fileName).toBe('my-run-loss.csv');
    expect(saved[0]?.mimeType).toBe('text/csv');
    const lines = (saved[0]?.text ?? '').trimEnd().split('\n');
    expect(lines[0]).toBe('step,elapsedMs,total,weighted.edge');
    const state = useMetricsStore.getState();
    expect(selectSeriesView(state, 'total').length).toBeLessThanOrEqual(50);
    const total = state.series['total'] ?? [];
    const edge = state.series['weighted.edge'] ?? [];
    expect(lines.length - 1).toBe(400);
    lines.slice(1).forEach((line, k) => {
      const [step, elapsed, t, e] = line.split(',').map(Number);
      expect(step).toBe(total[k]?.step);
      expect(elapsed).toBe(total[k]?.elapsedMs);
      expect(t).toBe(total[k]?.value);
      expect(e).toBe(edge[k]?.value);
    });
  });

  it('a chart JSON holds the same series', () => {
    appendMetrics(fakePoints(1, 5));
    const { save, saved } = recorder();
    downloadChartSeries('run', 'grad', ['grad.global'], 'json', save);
    expect(saved[0]?.fileName).toBe('run-grad.json');
    expect(JSON.parse(saved[0]?.text ?? '')).toEqual({
      series: { 'grad.global': useMetricsStore.getState().series['grad.global'] },
    });
  });

  it('the run CSV has a column per series the run has, and the run JSON every kept point', () => {
    appendMetrics(fakePoints(1, 12));
    const { save, saved } = recorder();
    downloadRunMetrics('run', 'csv', save);
    downloadRunMetrics('run', 'json', save);
    const state = useMetricsStore.getState();
    expect(saved.map((s) => s.fileName)).toEqual(['run-metrics.csv', 'run-points.json']);
    expect(saved[0]?.text.split('\n')[0]).toBe(['step', 'elapsedMs', ...state.seriesNames].join(','));
    expect(saved[0]?.text.trimEnd().split('\n').length).toBe(13);
    expect(JSON.parse(saved[1]?.text ?? '')).toEqual({ points: state.points });
  });

  it('code usage downloads the latest point’s histogram, and nothing before the first point', () => {
    const { save, saved } = recorder();
    downloadCodeUsage('run', 'csv', save);
    expect(saved).toEqual([]);
    appendMetrics(fakePoints(1, 3));
    downloadCodeUsage('run', 'json', save);
    expect(saved[0]?.fileName).toBe('run-code-usage-step3.json');
    expect(JSON.parse(saved[0]?.text ?? '')).toEqual({ step: 3, elapsedMs: 1500, codeUsage: [0.5, 0.5] });
  });

  it('the run as a TensorBoard event file: an independent reader finds every step with the store’s losses', () => {
    appendMetrics(fakePoints(1, 12));
    const saved: { bytes: ArrayBuffer; fileName: string }[] = [];
    downloadRunTensorboard(
      'my run',
      1_700_000_000_000,
      (data, fileName) => void saved.push({ bytes: data as ArrayBuffer, fileName }),
    );
    expect(saved[0]?.fileName).toMatch(/^my-run\.events\.out\.tfevents\.1700000000\./);
    const read = readWithPython(new Uint8Array(saved[0]?.bytes ?? new ArrayBuffer(0)));
    if (!read.ok) throw new Error(read.error);
    const points = useMetricsStore.getState().points;
    const steps = read.events.filter((e) => e.values.length > 0);
    expect(steps.map((e) => e.step)).toEqual(points.map((p) => p.step));
    for (const [k, event] of steps.entries()) {
      const aa = event.values.find((v) => v.tag === 'Loss/AA')?.value;
      expect(aa).toBe(Math.fround(points[k]?.losses['aminoAcid'] ?? NaN));
    }
  });
});
