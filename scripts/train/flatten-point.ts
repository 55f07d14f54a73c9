/**
 * A `MetricPoint` as one flat CSV row: every number and boolean under a dotted name (`losses.aminoAcid`,
 * `gradientNorms.global`), per-trainer timings under their rank (`trainers.1.stepMs`). Lists without a stable
 * column per entry — the code-usage histogram, the largest and smallest gradient norms — stay in metrics.jsonl.
 */
import type { MetricPoint } from '../../src/protocol/metric-point';

export type CsvCell = number | boolean | string;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walk(value: unknown, name: string, into: Map<string, CsvCell>): void {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') {
    into.set(name, value);
  } else if (Array.isArray(value)) {
    // Only lists keyed by a rank flatten to fixed columns.
    for (const item of value) {
      if (isRecord(item) && typeof item['rank'] === 'number') {
        for (const [key, inner] of Object.entries(item))
          if (key !== 'rank') walk(inner, `${name}.${item['rank']}.${key}`, into);
      }
    }
  } else if (isRecord(value)) {
    for (const [key, inner] of Object.entries(value)) walk(inner, name ? `${name}.${key}` : key, into);
  }
}

/** Column name → value, in the point's own key order. */
export function flattenPoint(point: MetricPoint): Map<string, CsvCell> {
  const row = new Map<string, CsvCell>();
  walk(point, '', row);
  return row;
}

/** A cell as CSV text: numbers in their shortest round-trip form (NaN and ±Infinity spelled out), text quoted when needed. */
export function csvCell(value: CsvCell | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
