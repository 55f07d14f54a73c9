/**
 * Opening a structs file: one clear error for anything that is not a FoldTree2-layout HDF5 file, and the
 * file-wide facts every later read needs (which writer made it, the `res.x` width and column names).
 */
import { readNumberAttribute, readStringArrayAttribute, readStringAttribute } from './attributes';
import { datasetDims, getDataset, getGroup, matrixSize } from './dataset-read';
import { synthesizeResColumns } from './foldtree2-columns';
import type { H5File, H5Module, H5Wasm } from './h5-types';
import {
  ATTR,
  DERIVABLE_NODE_TYPES,
  nodeDatasetPath,
  STRUCTS_GROUP,
  STUDIO_FORMAT,
  STUDIO_FORMAT_VERSION,
} from './layout';
import { StructsFileError, summarizeHdf5Error } from './structs-error';

/** Which writer produced the file: ours (root `format` attribute) or FoldTree2's h5py builder (no attributes). */
export type StructsFormat = 'foldtree-studio' | 'foldtree2';

/** An open structs file. Holds an h5wasm file; call `closeStructsFile` when done. Not transferable. */
export interface StructsFileHandle {
  readonly h5: H5Wasm;
  readonly file: H5File;
  /** Path in the h5wasm file system (WORKERFS mount, MEMFS, or a real path in Node). */
  readonly path: string;
  /** Name used in every message (the user's file name). */
  readonly displayName: string;
  readonly format: StructsFormat;
  /** Root `format_version`; null for FoldTree2 files. */
  readonly formatVersion: number | null;
  /** Root builder setting `contact_cutoff` in Å; null when unknown (FoldTree2 files). */
  readonly contactCutoff: number | null;
  /** Child groups of `structs/`, in the file's name order (as h5py lists them). */
  readonly proteinIds: readonly string[];
  /** Width of `res.x` (the encoder's input width), from the first protein that has one; null if none has. */
  readonly resWidth: number | null;
  /** `res.x` column names, length `resWidth`: the `columns` attribute, or synthesized (FoldTree2 §1.3). */
  readonly resColumns: readonly string[];
  /** Node types this file leaves out and the reader recomputes (root `derived_node_types`); empty for FoldTree2. */
  readonly derivedNodeTypes: ReadonlySet<string>;
}

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** Why `path` could not be opened, in words: missing, no HDF5 signature, or HDF5's own reason. */
function explainOpenFailure(module: H5Module, path: string, error: unknown): string {
  const fs = module.FS;
  try {
    fs.stat(path);
  } catch {
    return 'file not found';
  }
  const head = new Uint8Array(8);
  let read = 0;
  try {
    const stream = fs.open(path, 'r');
    read = fs.read(stream, head, 0, 8, 0);
    fs.close(stream);
  } catch {
    return 'the file could not be read';
  }
  if (read < 8 || HDF5_SIGNATURE.some((byte, i) => head[i] !== byte)) {
    return 'not an HDF5 file (it does not start with the HDF5 signature)';
  }
  return `the HDF5 file is truncated or corrupt (${summarizeHdf5Error(error)})`;
}

function firstResDataset(
  h5: H5Wasm,
  file: H5File,
  ids: readonly string[],
): { width: number; columns: string[] | null } | null {
  for (const id of ids) {
    const dataset = getDataset(h5, file, nodeDatasetPath(id, 'res'));
    if (!dataset) continue;
    const width = matrixSize(datasetDims(dataset)).cols;
    return { width, columns: readStringArrayAttribute(dataset, ATTR.columns) };
  }
  return null;
}

/**
 * Opens `path` read-only and checks that it is an HDF5 file with a `structs/` group. `h5` is the h5wasm
 * namespace of either build; this turns on h5wasm's throwing error handler so HDF5 failures become
 * exceptions instead of console output. Throws one `StructsFileError` naming `displayName`.
 */
export async function openStructsFile(h5: H5Wasm, path: string, displayName: string): Promise<StructsFileHandle> {
  const module = await h5.ready;
  module.activate_throwing_error_handler();
  let file: H5File;
  try {
    file = new h5.File(path, 'r');
  } catch (error) {
    throw new StructsFileError({ file: displayName }, explainOpenFailure(module, path, error));
  }
  try {
    return describeFile(h5, file, path, displayName);
  } catch (error) {
    file.close();
    throw error;
  }
}

function describeFile(h5: H5Wasm, file: H5File, path: string, displayName: string): StructsFileHandle {
  const structs = getGroup(h5, file, STRUCTS_GROUP);
  if (!structs) {
    const top = file.keys().slice(0, 5).join(', ') || 'nothing';
    throw new StructsFileError(
      { file: displayName },
      `no ${STRUCTS_GROUP}/ group, so this is not a FoldTree2-layout dataset (top level holds: ${top})`,
    );
  }
  const isStudio = readStringAttribute(file, ATTR.format) === STUDIO_FORMAT;
  const formatVersion = isStudio ? readNumberAttribute(file, ATTR.formatVersion) : null;
  if (formatVersion !== null && formatVersion > STUDIO_FORMAT_VERSION) {
    throw new StructsFileError(
      { file: displayName },
      `written by a newer FoldTree Studio (format_version ${formatVersion}; this version reads ${STUDIO_FORMAT_VERSION})`,
    );
  }
  const proteinIds = structs.keys();
  const res = firstResDataset(h5, file, proteinIds);
  const resWidth = res?.width ?? null;
  const columns = res?.columns ?? null;
  if (res && columns && columns.length !== res.width) {
    throw new StructsFileError(
      { file: displayName, dataset: 'node/res/x' },
      `the columns attribute names ${columns.length} columns but the dataset has ${res.width}`,
    );
  }
  return {
    h5,
    file,
    path,
    displayName,
    format: isStudio ? 'foldtree-studio' : 'foldtree2',
    formatVersion,
    contactCutoff: isStudio ? readNumberAttribute(file, ATTR.contactCutoff) : null,
    proteinIds,
    resWidth,
    resColumns: columns ?? synthesizeResColumns(resWidth ?? 0),
    derivedNodeTypes: isStudio ? readDerivedNodeTypes(file, displayName) : new Set(),
  };
}

function readDerivedNodeTypes(file: H5File, displayName: string): ReadonlySet<string> {
  const types = readStringArrayAttribute(file, ATTR.derivedNodeTypes) ?? [];
  const unknown = types.filter((type) => !DERIVABLE_NODE_TYPES.has(type));
  if (unknown.length > 0) {
    throw new StructsFileError(
      { file: displayName },
      `derived_node_types names ${unknown.join(', ')}, which this version cannot recompute`,
    );
  }
  return new Set(types);
}

/** Closes the h5wasm file behind `handle`. Safe to call once; the handle is unusable afterwards. */
export function closeStructsFile(handle: StructsFileHandle): void {
  handle.file.close();
}
