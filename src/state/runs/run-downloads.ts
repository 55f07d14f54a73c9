/** A stored run taken away as files: the whole run as JSON, its config as YAML, its newest checkpoint. */
import { safeFileName } from '../download-file';
import { configYamlOf, runArchive } from './run-archive';
import { flushPoints } from './run-recorder';
import { runById, useRunsStore } from './runs-state';
import { database, messageOf, storage } from './runs-storage';

/** Downloads run `id` as `<name>.run.json` (see `RunArchive`): config, info, events, checkpoints list, all points. */
export async function downloadRun(id: string): Promise<void> {
  if (id === useRunsStore.getState().activeRunId) await flushPoints();
  await storage.queue;
  const run = runById(id);
  if (!run) return;
  try {
    const db = await database();
    const [points, events, checkpoints] = await Promise.all([
      db.readPoints(id),
      db.readEvents(id),
      db.readCheckpoints(id),
    ]);
    storage.saveFile(
      JSON.stringify(runArchive(run, points, events, checkpoints)),
      `${safeFileName(run.name)}.run.json`,
      'application/json',
    );
  } catch (error) {
    storage.warn(`Could not read run "${run.name}" for download: ${messageOf(error)}`);
  }
}

/** Downloads run `id`'s config as the studio's YAML (`<name>.yaml`), which the config editor imports. */
export function downloadRunConfig(id: string): void {
  const run = runById(id);
  if (!run) return;
  const yaml = configYamlOf(run.config);
  if (yaml === null)
    storage.warn(`The config of "${run.name}" no longer passes this version's checks; download the run's JSON instead`);
  else storage.saveFile(yaml, `${safeFileName(run.name)}.yaml`, 'application/yaml');
}

/** Downloads run `id`'s newest stored checkpoint (which "Resume from checkpoint" continues); false if it has none. */
export async function downloadRunCheckpoint(id: string): Promise<boolean> {
  await storage.queue;
  try {
    const latest = (await (await database()).readCheckpoints(id)).at(-1);
    if (!latest) return false;
    storage.saveFile(latest.bytes, latest.fileName, 'application/octet-stream');
    return true;
  } catch (error) {
    storage.warn(`Could not read the checkpoint of "${runById(id)?.name ?? id}": ${messageOf(error)}`);
    return false;
  }
}
