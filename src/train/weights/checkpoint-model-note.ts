/**
 * Resuming from a checkpoint continues the checkpoint's own model, whatever the editor says: this is the one line
 * that tells the user when the two differ, so a run is never logged as one model while it trains another.
 * Reads only the checkpoint's JSON header (no tfjs), so the coordinator can say it before any trainer starts.
 */
import { checkRunConfig } from '../../config/check-run-config';
import type { RunConfig } from '../../protocol/run-config';
import { isRecord } from '../../shared/assert-never';
import { decodeCheckpoint } from '../../formats/checkpoint-codec';

/** The settings that decide the model's parameters. */
function modelKeys(config: RunConfig): string {
  return JSON.stringify({ model: config.model, decoders: config.decoders, ema: config.vq.ema });
}

/** Null when the checkpoint's model is the one `config` describes (or the checkpoint cannot tell); else one line. */
export function checkpointModelNote(checkpoint: ArrayBuffer, config: RunConfig): string | null {
  let saved: unknown;
  try {
    const contents = decodeCheckpoint(checkpoint);
    saved = isRecord(contents) ? contents['config'] : undefined;
  } catch {
    return null;
  }
  if (checkRunConfig(saved).length > 0) return null;
  const own = saved as RunConfig;
  if (modelKeys(own) === modelKeys(config)) return null;
  return `The checkpoint holds a ${own.model.preset} model with its own settings, not the ${config.model.preset} model set here: the run continues the checkpoint's model and config`;
}
