/** Paths to committed fixtures, and an independent protein count through Debian's h5py. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPython } from '../src/shared/python-reference.node';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function repoPath(relative: string): string {
  return join(root, relative);
}

export function fixturePath(relative: string): string {
  return join(root, 'fixtures', relative);
}

/** Number of proteins under `structs/` as h5py sees it (not through our own reader). */
export function countProteinsIndependently(path: string): number {
  const script = 'import h5py, sys\nwith h5py.File(sys.argv[1], "r") as f:\n    print(len(f["structs"].keys()))';
  return Number(runPython({ code: script }, { args: [path] }).trim());
}
