/**
 * The run folder a training command writes: config.yaml (the resolved config, as the studio exports it),
 * metrics.jsonl and metrics.csv, events.jsonl (state changes, log lines, faults, hyper-parameter changes,
 * checkpoints written: one JSON object per line with an ISO `time`) and the checkpoints. Files are appended to as
 * the run goes, so an interrupted run leaves a readable folder.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { MetricPoint } from '../../src/protocol/metric-point';
import { usageError } from './exit-codes';
import { METRICS_CSV, METRICS_JSONL, MetricsFiles } from './metrics-files';

export const CONFIG_FILE = 'config.yaml';
export const EVENTS_FILE = 'events.jsonl';

/** Somewhere metric points go besides the JSONL/CSV pair (e.g. a TensorBoard event file). */
export interface MetricSink {
  append(points: readonly MetricPoint[]): void;
  close(): void;
}

/** One line of events.jsonl, before its time is added. */
export type RunRecord = { readonly type: string } & Readonly<Record<string, unknown>>;

/** One run's folder; `open` checks it fits the command (new run or `--resume`). */
export class RunFolder {
  readonly metrics: MetricsFiles;
  private readonly sinks: MetricSink[] = [];

  private constructor(readonly dir: string) {
    this.metrics = new MetricsFiles(join(dir, METRICS_JSONL), join(dir, METRICS_CSV));
  }

  /**
   * Creates `dir` for a new run, or opens it to continue one (`resume`). A folder that already holds metrics is
   * refused for a new run, so a finished run is never appended to by mistake.
   */
  static open(dir: string, resume: boolean): RunFolder {
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw usageError(`${dir} is a file, not a run folder`);
    if (resume && !existsSync(dir)) throw usageError(`--resume: there is no run folder ${dir}`);
    const metrics = join(dir, METRICS_JSONL);
    if (!resume && existsSync(metrics) && statSync(metrics).size > 0) {
      throw usageError(
        `${dir} already holds a run (${METRICS_JSONL}): add --resume to continue it, or choose another --out`,
      );
    }
    mkdirSync(dir, { recursive: true });
    return new RunFolder(dir);
  }

  /** Another destination for every metric point appended from now on. */
  addSink(sink: MetricSink): void {
    this.sinks.push(sink);
  }

  path(fileName: string): string {
    return join(this.dir, fileName);
  }

  readConfig(): string | null {
    const path = this.path(CONFIG_FILE);
    return existsSync(path) ? readFileSync(path, 'utf8') : null;
  }

  writeConfig(text: string): void {
    writeFileSync(this.path(CONFIG_FILE), text);
  }

  appendMetrics(points: readonly MetricPoint[]): void {
    this.metrics.append(points);
    for (const sink of this.sinks) sink.append(points);
  }

  record(record: RunRecord, time = new Date()): void {
    appendFileSync(this.path(EVENTS_FILE), `${JSON.stringify({ time: time.toISOString(), ...record })}\n`);
  }

  /** Writes a file the run produced (a checkpoint, weights) under its own name; returns its path. */
  writeFile(fileName: string, bytes: Uint8Array): string {
    // The page names files; never let a name reach outside the folder.
    const path = this.path(basename(fileName));
    writeFileSync(path, bytes);
    return path;
  }

  close(): void {
    for (const sink of this.sinks) sink.close();
  }
}
