/**
 * Checkpoints in a run folder: `<runName>-step<N>.ftsckpt`, the names the studio gives its downloads, so a
 * checkpoint saved from the page can be dropped into a run folder and resumed from too.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isRecord } from '../../src/shared/assert-never';
import { decodeCheckpoint } from '../../src/formats/checkpoint-codec';
import { usageError } from './exit-codes';

export const CHECKPOINT_SUFFIX = '.ftsckpt';

/** The step in a checkpoint's file name (`…-step120.ftsckpt` → 120); null for a name without one. */
export function checkpointStep(fileName: string): number | null {
  const match = /-step(\d+)\.ftsckpt$/.exec(fileName);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/**
 * The checkpoint to resume from: the most steps taken; among equal steps (or names without a step) the newest file.
 * `names` with their modification times in ms; null when there is none.
 */
export function newestCheckpoint(
  files: ReadonlyArray<{ readonly name: string; readonly mtimeMs: number }>,
): { readonly name: string; readonly step: number | null } | null {
  let best: { name: string; step: number | null; mtimeMs: number } | null = null;
  for (const file of files) {
    if (!file.name.endsWith(CHECKPOINT_SUFFIX)) continue;
    const step = checkpointStep(file.name);
    const candidate = { name: file.name, step, mtimeMs: file.mtimeMs };
    if (!best) best = candidate;
    else if ((step ?? -1) > (best.step ?? -1) || ((step ?? -1) === (best.step ?? -1) && file.mtimeMs > best.mtimeMs))
      best = candidate;
  }
  return best && { name: best.name, step: best.step };
}

/** `newestCheckpoint` of the folder `dir` (missing folder: null). */
export function newestCheckpointIn(dir: string): { readonly path: string; readonly step: number | null } | null {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  const found = newestCheckpoint(names.map((name) => ({ name, mtimeMs: statSync(join(dir, name)).mtimeMs })));
  return found && { path: join(dir, found.name), step: found.step };
}

/**
 * The optimizer steps a checkpoint has taken, read from the checkpoint itself; a usage `CliError` naming `source`
 * when the bytes are not a studio checkpoint.
 */
export function checkpointOptimizerStep(bytes: ArrayBuffer, source: string): number {
  let contents: unknown;
  try {
    contents = decodeCheckpoint(bytes, source);
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
  const counters = isRecord(contents) ? contents['counters'] : undefined;
  const step = isRecord(counters) ? counters['optimizerStep'] : undefined;
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0)
    throw usageError(`${source}: not a FoldTree Studio training checkpoint (no step count)`);
  return step;
}
