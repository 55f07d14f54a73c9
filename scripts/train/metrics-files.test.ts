import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakePoint } from '../../src/state/fake-metric-points.node';
import { csvCell, flattenPoint } from './flatten-point';
import { MetricsFiles, readMetricsJsonl } from './metrics-files';

function files(): { metrics: MetricsFiles; jsonl: string; csv: string } {
  const dir = mkdtempSync(join(tmpdir(), 'metrics-files-'));
  const jsonl = join(dir, 'metrics.jsonl');
  const csv = join(dir, 'metrics.csv');
  return { metrics: new MetricsFiles(jsonl, csv), jsonl, csv };
}

describe('flattenPoint', () => {
  it('names every scalar by its dotted path, trainers by rank, and leaves the lists to metrics.jsonl', () => {
    const point = fakePoint(3, {
      trainers: [
        { rank: 0, stepMs: 10, exchangeMs: 2, residuesPerSecond: 5 },
        { rank: 1, stepMs: 11, exchangeMs: 3, residuesPerSecond: 6 },
      ],
    });
    const row = flattenPoint(point);
    expect(row.get('step')).toBe(3);
    expect(row.get('losses.edge')).toBe(0.7 / (1 + 3 / 20));
    expect(row.get('learningRates.adamw')).toBe(3e-4);
    expect(row.get('gradientNorms.global')).toBe(2);
    expect(row.get('skipped')).toBe(false);
    expect(row.get('trainers.1.exchangeMs')).toBe(3);
    expect(row.has('trainers.1.rank')).toBe(false);
    expect(
      [...row.keys()].some((name) => name.startsWith('codeUsage') || name.startsWith('gradientNorms.largest')),
    ).toBe(false);
  });

  it('writes cells that read back exactly', () => {
    expect(csvCell(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvCell(-0)).toBe('-0');
    expect(csvCell(NaN)).toBe('NaN');
    expect(csvCell(-Infinity)).toBe('-Infinity');
    expect(csvCell(true)).toBe('true');
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('MetricsFiles', () => {
  it('appends one JSON line per point with every field, non-finite numbers as null', () => {
    const { metrics, jsonl } = files();
    metrics.append([
      fakePoint(1),
      fakePoint(2, {
        gradientNorms: { global: NaN, encoder: 1, decoder: 1, largest: [{ name: 'w', value: 4 }], smallest: [] },
      }),
    ]);
    const lines = readFileSync(jsonl, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    const second = JSON.parse(lines[1] ?? '') as {
      gradientNorms: { global: unknown; largest: unknown };
      codeUsage: unknown;
    };
    expect(second.gradientNorms.global).toBeNull();
    expect(second.gradientNorms.largest).toEqual([{ name: 'w', value: 4 }]);
    expect(second.codeUsage).toEqual([0.5, 0.5]);
  });

  it('keeps the CSV one row per point under one header, rewriting it when a column appears', () => {
    const { metrics, csv } = files();
    metrics.append([fakePoint(1)]);
    metrics.append([fakePoint(2)]);
    metrics.append([fakePoint(3, { losses: { aminoAcid: 1, edge: 2, vq: 0.5 } })]);
    const [header = '', ...rows] = readFileSync(csv, 'utf8').trim().split('\n');
    const columns = header.split(',');
    expect(rows).toHaveLength(3);
    expect(columns.slice(0, 4)).toEqual(['step', 'epoch', 'microBatches', 'elapsedMs']);
    const vq = columns.indexOf('losses.vq');
    expect(vq).toBeGreaterThan(0);
    expect(rows.map((row) => row.split(',')[vq])).toEqual(['', '', '0.5']);
    expect(rows.map((row) => row.split(',')[0])).toEqual(['1', '2', '3']);
    expect(rows.every((row) => row.split(',').length === columns.length)).toBe(true);
  });

  it('drops the points after a checkpoint’s step when a run resumes, in both files', () => {
    const { jsonl, csv, metrics } = files();
    metrics.append([1, 2, 3, 4, 5].map((step) => fakePoint(step)));
    expect(metrics.keepThrough(3)).toBe(3);
    expect(readMetricsJsonl(readFileSync(jsonl, 'utf8')).map((p) => p.step)).toEqual([1, 2, 3]);
    expect(readFileSync(csv, 'utf8').trim().split('\n')).toHaveLength(4);
    // A writer opened on the folder later (the resumed command) continues both files.
    new MetricsFiles(jsonl, csv).append([fakePoint(4)]);
    expect(
      readFileSync(csv, 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split(',')[0]),
    ).toEqual(['step', '1', '2', '3', '4']);
  });
});
