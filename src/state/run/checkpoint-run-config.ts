/**
 * The run config a checkpoint file carries: a resumed run continues with it, whatever the settings panel holds, so
 * the page logs and records that config, not the editor's.
 */
import { checkRunConfig } from '../../config/check-run-config';
import { decodeCheckpoint } from '../../formats/checkpoint-codec';
import type { RunConfig } from '../../protocol/run-config';
import { isRecord } from '../../shared/assert-never';

/** The checkpoint's config, or null when the bytes hold no valid one (the trainers then say what is wrong). */
export function checkpointRunConfig(bytes: ArrayBuffer): RunConfig | null {
  try {
    const value = decodeCheckpoint(bytes);
    const config = isRecord(value) ? value['config'] : undefined;
    return config !== undefined && checkRunConfig(config).length === 0 ? (config as RunConfig) : null;
  } catch {
    return null;
  }
}
