/**
 * TensorBoard event files from metric points: a header record (`file_version`), then one event per point holding
 * its scalars (foldtree2-tags.ts), each framed as a TFRecord. Pure bytes, no file system, so the page can offer
 * the file as a download and a Node script can append it to disk as a run streams.
 */
import type { MetricPoint } from '../../protocol/metric-point';
import { EVENT_FILE_VERSION, encodeEvent } from './event-proto';
import { foldTree2Scalars } from './foldtree2-tags';
import { concatBytes, tfRecord } from './tfrecord';

export interface EventFileOptions {
  /** Run start, ms since the Unix epoch; each point's wall time is this plus its `elapsedMs`. */
  readonly wallTimeStart?: number;
  /** Host part of the file name; characters other than letters, digits, `.`, `_`, `-` become `-`. */
  readonly hostname?: string;
}

const DEFAULT_HOSTNAME = 'foldtree-studio';

/** `events.out.tfevents.<start, whole seconds>.<host>`: TensorBoard finds event files by the `tfevents` part. */
export function eventFileName(wallTimeStart: number, hostname = DEFAULT_HOSTNAME): string {
  const host = hostname.replace(/[^A-Za-z0-9._-]/g, '-') || DEFAULT_HOSTNAME;
  return `events.out.tfevents.${Math.floor(wallTimeStart / 1000)}.${host}`;
}

/**
 * Writes an event file record by record: the header on construction, then one record per `write`. Each
 * record goes to `sink` as soon as it is made (e.g. `(bytes) => appendFileSync(path, bytes)`), so TensorBoard,
 * which re-reads growing files, shows a run while it trains.
 */
export class TensorBoardEventWriter {
  readonly fileName: string;
  readonly wallTimeStart: number;
  private readonly sink: (record: Uint8Array) => void;

  /** `wallTimeStart` defaults to now, which suits a writer created as the run starts. */
  constructor(sink: (record: Uint8Array) => void, options: EventFileOptions = {}) {
    this.sink = sink;
    this.wallTimeStart = options.wallTimeStart ?? Date.now();
    this.fileName = eventFileName(this.wallTimeStart, options.hostname);
    sink(tfRecord(encodeEvent({ wallTime: this.wallTimeStart / 1000, fileVersion: EVENT_FILE_VERSION })));
  }

  /** Appends the point's scalars as one event at its optimizer step. */
  write(point: MetricPoint): void {
    const wallTime = (this.wallTimeStart + point.elapsedMs) / 1000;
    this.sink(tfRecord(encodeEvent({ wallTime, step: point.step, scalars: foldTree2Scalars(point) })));
  }
}

/**
 * A whole event file for `points`. Without `wallTimeStart` the run is placed to end now (start = now − the last
 * point's `elapsedMs`), the usual case of exporting a run that has just finished.
 */
export function tensorboardEventFile(
  points: readonly MetricPoint[],
  options: EventFileOptions = {},
): { fileName: string; bytes: Uint8Array } {
  const wallTimeStart = options.wallTimeStart ?? Date.now() - (points[points.length - 1]?.elapsedMs ?? 0);
  const records: Uint8Array[] = [];
  const writer = new TensorBoardEventWriter((record) => void records.push(record), { ...options, wallTimeStart });
  for (const point of points) writer.write(point);
  return { fileName: writer.fileName, bytes: concatBytes(records) };
}
