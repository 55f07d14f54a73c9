import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../state/charts/downsample-metrics';
import { fakePoint } from '../state/fake-metric-points.node';
import { codeUsageCsv, csvField, csvNumber, pointsJson, seriesCsv, seriesJson } from './metrics-csv';

/** Numbers whose shortest decimal text needs up to 17 significant digits, or sits at the edges of doubles. */
const HARD = [
  0.1 + 0.2,
  1 / 3,
  Math.PI * 1e-7,
  1e-300,
  5e-324,
  1.7976931348623157e308,
  123456789.12345679,
  -0,
  2 ** 53 + 2,
  -2.5e-8,
  6.02214076e23,
];

/** The CSV's data rows as numbers (empty fields as undefined). Fields here hold no quotes. */
function parse(text: string): { header: string[]; rows: Array<Array<number | undefined>> } {
  const [head = '', ...lines] = text.trimEnd().split('\n');
  return {
    header: head.split(','),
    rows: lines.map((line) => line.split(',').map((field) => (field === '' ? undefined : Number(field)))),
  };
}

describe('seriesCsv', () => {
  it('writes step, elapsedMs and one column per series, and every number reads back bit for bit', () => {
    const a: SeriesPoint[] = HARD.map((value, k) => ({ step: k + 1, value, elapsedMs: 1000.5 * (k + 1) }));
    const b: SeriesPoint[] = HARD.map((value, k) => ({ step: k + 1, value: value * 7, elapsedMs: 1000.5 * (k + 1) }));
    const { header, rows } = parse(seriesCsv(['a', 'b'], { a, b }));
    expect(header).toEqual(['step', 'elapsedMs', 'a', 'b']);
    expect(rows.length).toBe(HARD.length);
    rows.forEach((row, k) => {
      expect(row[0]).toBe(k + 1);
      expect(row[1]).toBe(1000.5 * (k + 1));
      expect(Object.is(row[2], HARD[k])).toBe(true);
      expect(Object.is(row[3], (HARD[k] as number) * 7)).toBe(true);
    });
  });

  it('puts series on one step axis, leaving a field empty where a series has no value', () => {
    const text = seriesCsv(['total', 'grad.global', 'missing'], {
      total: [
        { step: 1, value: 2.5, elapsedMs: 10 },
        { step: 2, value: 2, elapsedMs: 20 },
      ],
      'grad.global': [
        { step: 2, value: 0.5, elapsedMs: 20 },
        { step: 3, value: 0.25 },
      ],
    });
    expect(text).toBe('step,elapsedMs,total,grad.global,missing\n1,10,2.5,,\n2,20,2,0.5,\n3,,,0.25,\n');
  });

  it('quotes header fields that need it', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('plain.name')).toBe('plain.name');
    expect(csvNumber(-0)).toBe('-0');
    expect(Object.is(Number(csvNumber(-0)), -0)).toBe(true);
  });
});

describe('JSON exports', () => {
  it('series JSON holds every point of the named series, exactly', () => {
    const points = HARD.filter((v) => !Object.is(v, -0)).map((value, k) => ({ step: k + 1, value, elapsedMs: k }));
    const parsed = JSON.parse(seriesJson(['x', 'none'], { x: points })) as { series: Record<string, SeriesPoint[]> };
    expect(parsed.series['x']).toEqual(points);
    expect(parsed.series['none']).toEqual([]);
  });

  it('points JSON holds the MetricPoints, with non-finite values as null', () => {
    const point = fakePoint(3, {
      total: 1 / 3,
      gradientNorms: { global: Infinity, encoder: 1, decoder: 2, largest: [], smallest: [] },
    });
    const parsed = JSON.parse(pointsJson([point])) as { points: Array<Record<string, unknown>> };
    expect(parsed.points[0]?.['total']).toBe(1 / 3);
    expect(parsed.points[0]?.['gradientNorms']).toEqual({
      global: null,
      encoder: 1,
      decoder: 2,
      largest: [],
      smallest: [],
    });
  });

  it('code usage CSV lists each code by index with its usage', () => {
    expect(codeUsageCsv(fakePoint(4, { codeUsage: [0.125, 0, 1 / 3] }))).toBe(
      `step,code,usage\n4,0,0.125\n4,1,0\n4,2,${String(1 / 3)}\n`,
    );
  });
});
