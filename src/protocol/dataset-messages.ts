/**
 * Page ⇄ dataset worker contract. The worker opens HDF5 files (h5wasm) or builds graphs from PDB/mmCIF files
 * and answers with a summary; protein data itself stays in the worker until a trainer asks for it.
 */
import { isRecord } from '../shared/assert-never';
import { isArrayOf, isNumber, isString } from './field-guards';
import type { SkippedItem } from './protein-graph';
import { unionGuard, type FieldCheck } from './union-guard';

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

/** Every dataset message names the request it belongs to. */
const hasRequestId: FieldCheck = (value) => isNumber(value['requestId']);

export const isDatasetRequest = unionGuard<DatasetRequest>(
  {
    'open-sample': (value) => isString(value['url']) && isString(value['name']),
    'open-files': (value) => isArrayOf(value['files'], (file) => typeof File !== 'undefined' && file instanceof File),
  },
  hasRequestId,
);

export const isDatasetEvent = unionGuard<DatasetEvent>(
  {
    progress: (value) => isNumber(value['done']) && isNumber(value['total']) && isString(value['label']),
    opened: (value) => isRecord(value['summary']) && isNumber(value['summary']['proteinCount']),
    failed: (value) => isString(value['message']),
  },
  hasRequestId,
);
