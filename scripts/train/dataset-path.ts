/**
 * The file a CLI run trains on: `--dataset`, else the config's `data.dataset` when it names a file (a FoldTree2
 * config's `dataset: structs.h5`, or the path a run folder's config.yaml recorded), else the bundled sample (null).
 * A named file that is not there is an error: training the sample instead would go unnoticed.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { defaultRunConfig } from '../../src/config/run-config-values';
import { usageError } from './exit-codes';

const SAMPLE_NAMES = new Set([defaultRunConfig().data.dataset, 'sample-structs.h5']);

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();

/** `configDir`: where the config file lies (a relative `data.dataset` is looked up there first, then here). */
export function datasetPathFor(flag: string | null, configured: string, configDir: string): string | null {
  if (flag !== null) {
    if (!isFile(flag)) throw usageError(`dataset file ${flag} not found`);
    return resolve(flag);
  }
  if (SAMPLE_NAMES.has(configured)) return null;
  const candidates = isAbsolute(configured) ? [configured] : [resolve(configDir, configured), resolve(configured)];
  const found = candidates.find(isFile);
  if (found === undefined)
    throw usageError(
      `data.dataset ${configured}: no such file (looked for ${[...new Set(candidates)].join(' and ')}); give --dataset FILE`,
    );
  return found;
}
