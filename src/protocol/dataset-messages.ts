/**
 * Page ⇄ dataset worker contract. The worker opens HDF5 files (h5wasm) or builds graphs from PDB/mmCIF files
 * and answers with a summary; protein data itself stays in the worker until a trainer asks for it.
 */
import { isRecord } from '../shared/assert-never';
import type { SkippedItem } from './protein-graph';

/** What the page learns about an opened dataset: enough for the first page's counts and histogram. */
export interface DatasetSummary {
  /** File name(s) shown to the user. */
  readonly name: string;
  readonly origin: 'sample' | 'hdf5' | 'structures';
  /** `foldtree-studio` (our writer), `foldtree2` (FoldTree2's own builder), or `structures` (built here). */
  readonly format: 'foldtree-studio' | 'foldtree2' | 'structures';
  readonly proteinCount: number;
  /** Residue count per usable protein, same order as `proteinIds`. */
  readonly lengths: readonly number[];
  readonly proteinIds: readonly string[];
  /** Width of `res.x` read from the file: the encoder's input width. */
  readonly inputWidth: number;
  readonly skipped: readonly SkippedItem[];
  /** Wall time the worker spent opening / building, in ms. */
  readonly elapsedMs: number;
}

export type DatasetRequest =
  | { readonly type: 'open-sample'; readonly requestId: number; readonly url: string; readonly name: string }
  | { readonly type: 'open-files'; readonly requestId: number; readonly files: readonly File[] };

export type DatasetEvent =
  | {
      readonly type: 'progress';
      readonly requestId: number;
      readonly done: number;
      readonly total: number;
      readonly label: string;
    }
  | { readonly type: 'opened'; readonly requestId: number; readonly summary: DatasetSummary }
  | { readonly type: 'failed'; readonly requestId: number; readonly message: string };

export function isDatasetRequest(value: unknown): value is DatasetRequest {
  if (!isRecord(value) || typeof value['requestId'] !== 'number') return false;
  switch (value['type']) {
    case 'open-sample':
      return typeof value['url'] === 'string' && typeof value['name'] === 'string';
    case 'open-files':
      return (
        Array.isArray(value['files']) && value['files'].every((f) => typeof File !== 'undefined' && f instanceof File)
      );
    default:
      return false;
  }
}

export function isDatasetEvent(value: unknown): value is DatasetEvent {
  if (!isRecord(value) || typeof value['requestId'] !== 'number') return false;
  switch (value['type']) {
    case 'progress':
      return (
        typeof value['done'] === 'number' && typeof value['total'] === 'number' && typeof value['label'] === 'string'
      );
    case 'opened':
      return isRecord(value['summary']) && typeof value['summary']['proteinCount'] === 'number';
    case 'failed':
      return typeof value['message'] === 'string';
    default:
      return false;
  }
}
