/**
 * Metric series as CSV and JSON text for download, exactly as held: every number printed with `String`, which
 * gives the shortest text that reads back as the same double, so a round trip through the file loses nothing.
 */
import type { MetricPoint, SeriesPoint } from '../protocol/metric-point';

/** A number as CSV text that `Number()` reads back to the same value (negative zero included). */
export function csvNumber(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

/** `text` as one CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A CSV table of `names` from `series`: header `step,elapsedMs,<name>…`, one row per step present in any of them
 * (ascending), an empty field where a series has no value at that step (a skipped step's non-finite gradient
 * norm) and where no series knows the step's elapsed time. Lines end in `\n`.
 */
export function seriesCsv(names: readonly string[], series: Readonly<Record<string, readonly SeriesPoint[]>>): string {
  const rows = new Map<number, { elapsedMs?: number; values: Array<number | undefined> }>();
  names.forEach((name, column) => {
    for (const point of series[name] ?? []) {
      let row = rows.get(point.step);
      if (!row) rows.set(point.step, (row = { values: new Array<number | undefined>(names.length) }));
      row.values[column] = point.value;
      if (row.elapsedMs === undefined && point.elapsedMs !== undefined) row.elapsedMs = point.elapsedMs;
    }
  });
  const lines = [['step', 'elapsedMs', ...names].map(csvField).join(',')];
  for (const step of [...rows.keys()].sort((a, b) => a - b)) {
    const row = rows.get(step);
    if (!row) continue;
    const fields = [csvNumber(step), row.elapsedMs === undefined ? '' : csvNumber(row.elapsedMs)];
    for (let column = 0; column < names.length; column++) {
      const value = row.values[column];
      fields.push(value === undefined ? '' : csvNumber(value));
    }
    lines.push(fields.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** `{ "series": { "<name>": [{ "step", "value", "elapsedMs" }, …] } }` for `names`, in that order. */
export function seriesJson(names: readonly string[], series: Readonly<Record<string, readonly SeriesPoint[]>>): string {
  const out: Record<string, readonly SeriesPoint[]> = {};
  for (const name of names) out[name] = series[name] ?? [];
  return JSON.stringify({ series: out });
}

/**
 * `{ "points": [MetricPoint, …] }`, the run's points as the trainer sent them. JSON has no NaN or ±Infinity:
 * those values (a skipped step's gradient norm) are written as `null`.
 */
export function pointsJson(points: readonly MetricPoint[]): string {
  return JSON.stringify({ points });
}

/** The code-usage histogram of one point: `step,code,usage` rows, codes by index. */
export function codeUsageCsv(point: MetricPoint): string {
  const step = csvNumber(point.step);
  return `step,code,usage\n${point.codeUsage.map((usage, code) => `${step},${code},${csvNumber(usage)}\n`).join('')}`;
}
