/**
 * metrics.jsonl (one `MetricPoint` per line, every field; JSON has no NaN or ±Infinity, so those are `null`, as in
 * the studio's own JSON download) and metrics.csv beside it (`flattenPoint` rows). The JSONL file is the record:
 * the CSV is appended to while its columns stay the same and rewritten from the JSONL when a point brings a new
 * column (a loss term that appears later, a trainer added on resume).
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { MetricPoint } from '../../src/protocol/metric-point';
import { csvCell, flattenPoint } from './flatten-point';

export const METRICS_JSONL = 'metrics.jsonl';
export const METRICS_CSV = 'metrics.csv';

/** The points of a metrics.jsonl text, in file order; blank lines are skipped. */
export function readMetricsJsonl(text: string): MetricPoint[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as MetricPoint);
}

/** The metrics.jsonl / metrics.csv pair of one run folder. */
export class MetricsFiles {
  private columns: string[] = [];

  constructor(
    private readonly jsonlPath: string,
    private readonly csvPath: string,
  ) {
    if (existsSync(jsonlPath)) this.rewriteCsv(this.points());
  }

  /** Every point written so far. */
  points(): MetricPoint[] {
    return existsSync(this.jsonlPath) ? readMetricsJsonl(readFileSync(this.jsonlPath, 'utf8')) : [];
  }

  append(points: readonly MetricPoint[]): void {
    if (points.length === 0) return;
    appendFileSync(this.jsonlPath, points.map((point) => `${JSON.stringify(point)}\n`).join(''));
    const rows = points.map(flattenPoint);
    const known = new Set(this.columns);
    if (rows.some((row) => [...row.keys()].some((name) => !known.has(name)))) {
      this.rewriteCsv(this.points());
      return;
    }
    appendFileSync(
      this.csvPath,
      rows.map((row) => `${this.columns.map((name) => csvCell(row.get(name))).join(',')}\n`).join(''),
    );
  }

  /** Drops the points after `step` (those a resumed run trains again); returns how many are kept. */
  keepThrough(step: number): number {
    const kept = this.points().filter((point) => point.step <= step);
    writeFileSync(this.jsonlPath, kept.map((point) => `${JSON.stringify(point)}\n`).join(''));
    this.rewriteCsv(kept);
    return kept.length;
  }

  private rewriteCsv(points: readonly MetricPoint[]): void {
    const rows = points.map(flattenPoint);
    const columns: string[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      for (const name of row.keys()) {
        if (!seen.has(name)) {
          seen.add(name);
          columns.push(name);
        }
      }
    }
    this.columns = columns;
    const lines = [
      columns.map((name) => csvCell(name)).join(','),
      ...rows.map((row) => columns.map((name) => csvCell(row.get(name))).join(',')),
    ];
    writeFileSync(this.csvPath, rows.length === 0 ? '' : `${lines.join('\n')}\n`);
  }
}
