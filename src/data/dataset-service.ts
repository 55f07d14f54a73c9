/**
 * The dataset worker's logic, free of the worker global so Node tests call it directly: open the bundled sample
 * or a user's HDF5 file (index only, data stays on disk), or build graphs from structure files in memory.
 * A failed open leaves the dataset that was open before untouched.
 */
import type { DatasetSummary } from '../protocol/dataset-messages';
import type { ProteinGraph } from '../protocol/protein-graph';
import { RES_X_WIDTH } from '../protocol/res-features';
import { buildStructureFiles } from './build/build-structure-files';
import { fileKind } from './file-kind';
import type { H5Wasm } from './hdf5/h5-types';
import { closeStructsFile, openStructsFile, type StructsFileHandle } from './hdf5/open-file';
import { readIndex, type StructsIndex } from './hdf5/read-index';
import { validateValues } from './hdf5/validate-values';

/** How bytes reach h5wasm's file system on this platform (WORKERFS/fetch in a worker, plain paths in Node). */
export interface FileAccess {
  /** Makes `file` readable by h5wasm and returns its path; `release` undoes it. */
  mountUserFile(file: File): Promise<{ path: string; release(): void }>;
  /** Downloads `url` and returns an h5wasm path; `release` frees it. */
  fetchFile(url: string, name: string): Promise<{ path: string; release(): void }>;
}

export type OpenedDataset =
  | {
      readonly kind: 'hdf5';
      readonly handle: StructsFileHandle;
      readonly index: StructsIndex;
      readonly summary: DatasetSummary;
    }
  | { readonly kind: 'memory'; readonly graphs: readonly ProteinGraph[]; readonly summary: DatasetSummary };

export type ProgressCallback = (done: number, total: number, label: string) => void;

export interface DatasetService {
  openSample(url: string, name: string, onProgress: ProgressCallback): Promise<DatasetSummary>;
  openFiles(files: readonly File[], onProgress: ProgressCallback): Promise<DatasetSummary>;
  /** The dataset opened last, for the trainers to read from. */
  current(): OpenedDataset | null;
}

export function createDatasetService(
  h5: H5Wasm,
  access: FileAccess,
  now: () => number = () => performance.now(),
): DatasetService {
  let current: { dataset: OpenedDataset; release(): void } | null = null;

  function replaceCurrent(dataset: OpenedDataset, release: () => void): DatasetSummary {
    current?.release();
    current = { dataset, release };
    return dataset.summary;
  }

  async function openHdf5(
    mounted: { path: string; release(): void },
    name: string,
    origin: 'sample' | 'hdf5',
    started: number,
    onProgress: ProgressCallback,
  ): Promise<DatasetSummary> {
    let handle: StructsFileHandle;
    try {
      handle = await openStructsFile(h5, mounted.path, name);
    } catch (error) {
      mounted.release();
      throw error;
    }
    let index: StructsIndex;
    try {
      // Values, not just shapes: a protein the trainers could not read is listed now and left out of training.
      let shown = -1;
      index = validateValues(handle, readIndex(handle), (done, total) => {
        const percent = Math.floor((100 * done) / Math.max(total, 1));
        if (percent === shown && done < total) return;
        shown = percent;
        onProgress(done, total, `Checking values in ${name}`);
      });
    } catch (error) {
      closeStructsFile(handle);
      mounted.release();
      throw error;
    }
    const summary: DatasetSummary = {
      name,
      origin,
      format: index.format,
      proteinCount: index.proteins.length,
      lengths: index.proteins.map((p) => p.length),
      proteinIds: index.proteins.map((p) => p.id),
      inputWidth: index.resWidth ?? 0,
      skipped: index.skipped,
      elapsedMs: now() - started,
    };
    return replaceCurrent({ kind: 'hdf5', handle, index, summary }, () => {
      closeStructsFile(handle);
      mounted.release();
    });
  }

  async function buildFromStructures(
    files: readonly File[],
    onProgress: ProgressCallback,
    started: number,
  ): Promise<DatasetSummary> {
    const inputs = files.map((file) => ({
      name: file.name,
      bytes: async () => new Uint8Array(await file.arrayBuffer()),
    }));
    const { graphs, skipped } = await buildStructureFiles(inputs, {}, (k, input) =>
      onProgress(k, files.length, `Building ${input.name}`),
    );
    onProgress(files.length, files.length, 'Built');
    const summary: DatasetSummary = {
      name: files.length === 1 ? (files[0]?.name ?? '') : `${files.length} files`,
      origin: 'structures',
      format: 'structures',
      proteinCount: graphs.length,
      lengths: graphs.map((g) => g.length),
      proteinIds: graphs.map((g) => g.id),
      inputWidth: graphs[0]?.nodes['res']?.cols ?? RES_X_WIDTH,
      skipped,
      elapsedMs: now() - started,
    };
    return replaceCurrent({ kind: 'memory', graphs, summary }, () => undefined);
  }

  return {
    async openSample(url, name, onProgress) {
      const started = now();
      onProgress(0, 1, `Downloading ${name}`);
      const fetched = await access.fetchFile(url, name);
      onProgress(1, 1, `Reading ${name}`);
      return openHdf5(fetched, name, 'sample', started, onProgress);
    },

    async openFiles(files, onProgress) {
      const started = now();
      if (files.length === 0) throw new Error('No files were given.');
      const kinds = files.map((f) => fileKind(f.name));
      const unknown = files.filter((_, k) => kinds[k] === 'unknown').map((f) => f.name);
      if (unknown.length > 0)
        throw new Error(
          `Not a structure or HDF5 file: ${unknown.join(', ')}. Open one .h5 file, or .pdb / .cif files (optionally .gz).`,
        );
      const hdf5 = files.filter((_, k) => kinds[k] === 'hdf5');
      if (hdf5.length > 0) {
        const [only] = hdf5;
        if (hdf5.length !== files.length || !only || hdf5.length > 1) {
          throw new Error(`Open one .h5 file on its own (got ${files.map((f) => f.name).join(', ')}).`);
        }
        onProgress(0, 1, `Reading ${only.name}`);
        return openHdf5(await access.mountUserFile(only), only.name, 'hdf5', started, onProgress);
      }
      return buildFromStructures(files, onProgress, started);
    },

    current: () => current?.dataset ?? null,
  };
}
