/**
 * Getting bytes into h5wasm's file system inside a Web Worker: a user's `File` is mounted through WORKERFS
 * (read on demand with FileReaderSync, never copied whole), a URL is fetched into MEMFS (the bundled sample).
 * Browser-only: Node's h5wasm build has no WORKERFS. Exercised by browser tests.
 */
import type { H5Module } from './h5-types';

let nextMount = 0;

/** A fresh directory name in this module's file system. */
function freshDirectory(module: H5Module, prefix: string): string {
  let dir: string;
  do dir = `/${prefix}-${nextMount++}`;
  while (module.FS.analyzePath(dir).exists);
  module.FS.mkdir(dir);
  return dir;
}

function parentDirectory(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}

/**
 * Mounts `file` read-only at a unique mount point and returns its path for `openStructsFile`. `module` is
 * `await h5wasm.ready` of the browser build; must run in a worker (WORKERFS needs FileReaderSync).
 */
export function mountUserFile(module: H5Module, file: File): string {
  const workerfs: unknown = (module.FS.filesystems as Record<string, unknown>)['WORKERFS'];
  if (!workerfs) throw new Error(`${file.name}: this h5wasm build has no WORKERFS (open user files in a Web Worker)`);
  const dir = freshDirectory(module, 'user-file');
  module.FS.mount(workerfs as typeof module.FS, { files: [file] }, dir);
  return `${dir}/${file.name}`;
}

/** Undoes `mountUserFile` (close the h5wasm file first). */
export function unmountUserFile(module: H5Module, path: string): void {
  const dir = parentDirectory(path);
  module.FS.unmount(dir);
  module.FS.rmdir(dir);
}

/**
 * Downloads `url` into MEMFS (the whole file in memory: fine for the small bundled sample, not for user data)
 * and returns its path. Throws naming `name` on an HTTP error.
 */
export async function fetchIntoMemoryFs(module: H5Module, url: string, name: string): Promise<string> {
  const download = async (init?: RequestInit) => {
    const response = await fetch(url, init);
    if (!response.ok)
      throw new Error(`${name}: download failed (HTTP ${response.status} ${response.statusText}) from ${url}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  // Several trainer workers fetch the sample at once; Chromium can fail all but one of concurrent cached reads of
  // the same large file ("Failed to fetch"), so a failed attempt is repeated past the HTTP cache.
  const bytes = await download().catch(() => download({ cache: 'no-store' }));
  const path = `${freshDirectory(module, 'fetched')}/${name.replaceAll('/', '_')}`;
  module.FS.writeFile(path, bytes);
  return path;
}

/** Deletes a file written by `fetchIntoMemoryFs` and its directory (close the h5wasm file first). */
export function removeFetchedFile(module: H5Module, path: string): void {
  module.FS.unlink(path);
  module.FS.rmdir(parentDirectory(path));
}
