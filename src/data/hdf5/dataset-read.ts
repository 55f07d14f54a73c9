/**
 * Typed, checked access to single datasets: lookup without throwing, shapes as matrices, row-window slices
 * converted to float32, and edge indices converted to int32 with a range check in the same pass.
 */
import type { H5Dataset, H5File, H5Group, H5Wasm } from './h5-types';
import { StructsFileError, summarizeHdf5Error, type StructsErrorContext } from './structs-error';

/** HDF5 type classes (`H5T_class_t`) we accept. */
const H5T_INTEGER = 0;
const H5T_FLOAT = 1;

/** The dataset at `path` (from the file root), or null when absent or not a dataset. */
export function getDataset(h5: H5Wasm, file: H5File, path: string): H5Dataset | null {
  const entity = file.get(path);
  return entity instanceof h5.Dataset ? entity : null;
}

/** The group at `path` (from the file root), or null when absent or not a group. */
export function getGroup(h5: H5Wasm, file: H5File, path: string): H5Group | null {
  const entity = file.get(path);
  return entity instanceof h5.Group ? entity : null;
}

/** Dataset dimensions; a scalar dataspace reads as `[]`. */
export function datasetDims(dataset: H5Dataset): number[] {
  return dataset.shape ?? [];
}

/** Matrix view of HDF5 dims: `[]` → 1×1, `[n]` → 1×n (one row per protein), `[r, ...rest]` → r×prod(rest). */
export function matrixSize(dims: readonly number[]): { rows: number; cols: number } {
  if (dims.length === 0) return { rows: 1, cols: 1 };
  if (dims.length === 1) return { rows: 1, cols: dims[0] ?? 0 };
  const [rows = 0, ...rest] = dims;
  return { rows, cols: rest.reduce((product, d) => product * d, 1) };
}

function typeClass(dataset: H5Dataset): number {
  return dataset.metadata.type;
}

function toFloat32(value: unknown, context: StructsErrorContext): Float32Array {
  if (value instanceof Float32Array) return value;
  if (value instanceof BigInt64Array || value instanceof BigUint64Array) return Float32Array.from(value, Number);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Float32Array.from(value as unknown as ArrayLike<number>);
  if (typeof value === 'number') return Float32Array.of(value);
  throw new StructsFileError(context, 'expected a numeric array');
}

/** Runs one h5wasm read, turning HDF5's multi-line error stack into one located line. */
function guardedRead<T>(context: StructsErrorContext, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof StructsFileError) throw error;
    throw new StructsFileError(context, `could not read the data (${summarizeHdf5Error(error)})`);
  }
}

/**
 * Reads a numeric dataset as float32, row-major, optionally only rows `[start, end)` along the first axis
 * (a `slice`, so only those rows leave the file). Integer datasets are converted.
 */
export function readFloat32(
  dataset: H5Dataset,
  context: StructsErrorContext,
  rows?: readonly [number, number],
): Float32Array {
  const kind = typeClass(dataset);
  if (kind !== H5T_FLOAT && kind !== H5T_INTEGER) {
    throw new StructsFileError(context, `expected numbers but the dataset has dtype ${JSON.stringify(dataset.dtype)}`);
  }
  const value = guardedRead(context, () => (rows ? dataset.slice([[rows[0], rows[1]]]) : dataset.value));
  return toFloat32(value, context);
}

/** Index of the first NaN/±Infinity, or -1. */
export function firstNonFinite(data: Float32Array): number {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return i;
  return -1;
}

/** Throws a located error when `data` (a rows×cols matrix) holds a non-finite value. */
export function assertFinite(data: Float32Array, cols: number, context: StructsErrorContext): void {
  const at = firstNonFinite(data);
  if (at < 0) return;
  const row = Math.floor(at / Math.max(cols, 1));
  const col = at - row * Math.max(cols, 1);
  throw new StructsFileError(context, `value ${String(data[at])} at row ${row}, column ${col} (values must be finite)`);
}

/**
 * Reads a (2, E) integer `edge_index` as int32, checking every source against `[0, srcRows)` and every target
 * against `[0, dstRows)` while converting (int64 values beyond int32 fail the same check).
 */
export function readEdgeIndex(
  dataset: H5Dataset,
  count: number,
  srcRows: number,
  dstRows: number,
  context: StructsErrorContext,
): Int32Array {
  if (typeClass(dataset) !== H5T_INTEGER) {
    throw new StructsFileError(context, `expected integers but the dataset has dtype ${JSON.stringify(dataset.dtype)}`);
  }
  const raw = guardedRead(context, () => dataset.value);
  if (!ArrayBuffer.isView(raw) || raw instanceof DataView)
    throw new StructsFileError(context, 'expected an integer array');
  const values = raw as unknown as ArrayLike<number | bigint>;
  if (values.length !== 2 * count) {
    throw new StructsFileError(context, `holds ${values.length} values, expected 2 × ${count}`);
  }
  const index = new Int32Array(2 * count);
  for (let i = 0; i < 2 * count; i++) {
    const value = Number(values[i]);
    const isSource = i < count;
    const limit = isSource ? srcRows : dstRows;
    if (!(value >= 0 && value < limit)) {
      const edge = isSource ? i : i - count;
      const role = isSource ? 'source' : 'target';
      throw new StructsFileError(context, `edge ${edge} has ${role} node ${value}, outside [0, ${limit})`);
    }
    index[i] = value;
  }
  return index;
}
