/**
 * A stored run as one JSON document for download: its record, config (object and the studio's YAML), what the
 * trainer set up, events, the checkpoints it saved (names and sizes; the bytes download as `.ftsckpt` files) and
 * every metric point. `format` and `version` let a reader tell it from other JSON.
 */
import { exportConfig } from '../../config/export-config';
import type { MetricPoint } from '../../protocol/metric-point';
import type { RunConfig } from '../../protocol/run-config';
import type { RunInfo, RunState } from '../../protocol/coordinator-messages';
import type { RunEvent } from '../run/run-events';
import type { StoredCheckpoint, StoredRun } from './runs-db';

export const RUN_ARCHIVE_FORMAT = 'foldtree-studio-run';
export const RUN_ARCHIVE_VERSION = 1;

export interface RunArchive {
  readonly format: typeof RUN_ARCHIVE_FORMAT;
  readonly version: typeof RUN_ARCHIVE_VERSION;
  readonly id: string;
  readonly name: string;
  /** ISO 8601 start time. */
  readonly createdAt: string;
  readonly datasetName: string;
  readonly status: RunState;
  readonly lastStep: number;
  readonly config: RunConfig;
  /** `exportConfig(config, 'yaml')`; null when the stored config no longer passes this version's checks. */
  readonly configYaml: string | null;
  readonly info: RunInfo | null;
  readonly events: readonly RunEvent[];
  readonly checkpoints: ReadonlyArray<{
    readonly step: number;
    readonly fileName: string;
    readonly bytes: number;
    readonly final: boolean;
  }>;
  readonly points: readonly MetricPoint[];
}

/** The studio YAML of `config`, or null if this version refuses it (a run stored by an older studio). */
export function configYamlOf(config: RunConfig): string | null {
  try {
    return exportConfig(config, 'yaml');
  } catch {
    return null;
  }
}

export function runArchive(
  run: StoredRun,
  points: readonly MetricPoint[],
  events: readonly RunEvent[],
  checkpoints: readonly StoredCheckpoint[],
): RunArchive {
  return {
    format: RUN_ARCHIVE_FORMAT,
    version: RUN_ARCHIVE_VERSION,
    id: run.id,
    name: run.name,
    createdAt: new Date(run.createdAt).toISOString(),
    datasetName: run.datasetName,
    status: run.status,
    lastStep: run.lastStep,
    config: run.config,
    configYaml: configYamlOf(run.config),
    info: run.info,
    events,
    checkpoints: checkpoints.map((c) => ({
      step: c.step,
      fileName: c.fileName,
      bytes: c.bytes.byteLength,
      final: c.final,
    })),
    points,
  };
}
