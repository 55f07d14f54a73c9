/**
 * Downloads of the run's metrics at full resolution (the metrics store's `series` and `points`, never the
 * downsampled chart view): one chart's series, the code-usage histogram, or the whole run.
 */
import { safeFileName, saveWithObjectUrl, type FileSaver } from '../download-file';
import { codeUsageCsv, pointsJson, seriesCsv, seriesJson } from '../../formats/metrics-csv';
import { useMetricsStore } from './metrics-store';
import { tensorboardEventFile } from '../../formats/tensorboard/event-file';

export type DataFormat = 'csv' | 'json';

const MIME: Readonly<Record<DataFormat, string>> = { csv: 'text/csv', json: 'application/json' };

/** `<run>-<chart>.csv|json` with the series `names` (columns step, elapsedMs, one per series). */
export function downloadChartSeries(
  runName: string,
  chart: string,
  names: readonly string[],
  format: DataFormat,
  save: FileSaver = saveWithObjectUrl,
): void {
  const { series } = useMetricsStore.getState();
  const text = format === 'csv' ? seriesCsv(names, series) : seriesJson(names, series);
  save(text, `${safeFileName(runName)}-${safeFileName(chart)}.${format}`, MIME[format]);
}

/** `<run>-code-usage-step<n>.csv|json`: the latest point's code usage. Nothing happens before the first point. */
export function downloadCodeUsage(runName: string, format: DataFormat, save: FileSaver = saveWithObjectUrl): void {
  const { latest } = useMetricsStore.getState();
  if (!latest) return;
  const text =
    format === 'csv'
      ? codeUsageCsv(latest)
      : JSON.stringify({ step: latest.step, elapsedMs: latest.elapsedMs, codeUsage: latest.codeUsage });
  save(text, `${safeFileName(runName)}-code-usage-step${latest.step}.${format}`, MIME[format]);
}

/** The whole run: every series as `<run>-metrics.csv`, or every kept point as `<run>-points.json`. */
export function downloadRunMetrics(runName: string, format: DataFormat, save: FileSaver = saveWithObjectUrl): void {
  const { series, seriesNames, points } = useMetricsStore.getState();
  if (format === 'csv') save(seriesCsv(seriesNames, series), `${safeFileName(runName)}-metrics.csv`, MIME.csv);
  else save(pointsJson(points), `${safeFileName(runName)}-points.json`, MIME.json);
}

/**
 * The run's points as a TensorBoard event file under FoldTree2's tag names, so `tensorboard --logdir` shows it beside
 * FoldTree2's own runs. Wall times count from `startedAt` (ms since the epoch) plus each point's training time.
 */
export function downloadRunTensorboard(
  runName: string,
  startedAt: number = Date.now() - (useMetricsStore.getState().latest?.elapsedMs ?? 0),
  save: FileSaver = saveWithObjectUrl,
): void {
  const { points } = useMetricsStore.getState();
  const file = tensorboardEventFile(points, { wallTimeStart: startedAt });
  save(file.bytes.slice().buffer, `${safeFileName(runName)}.${file.fileName}`, 'application/octet-stream');
}
