/**
 * The dataset index: which proteins a structs file holds, how long each is, and which cannot be trained on,
 * from dataset shapes only (no data is read). This is what the coordinator shuffles and shards.
 */
import type { SkippedItem } from '../../protocol/protein-graph';
import type { StructsFileHandle, StructsFormat } from './open-file';
import { probeProtein } from './protein-layout';
import { skippedFromError } from './skipped';

export interface StructsIndexEntry {
  readonly id: string;
  /** Residue count N (rows of `res.x`). */
  readonly length: number;
}

export interface StructsIndex {
  readonly file: string;
  readonly format: StructsFormat;
  /** Usable proteins, in the file's order. */
  readonly proteins: readonly StructsIndexEntry[];
  /** Proteins whose required datasets are missing or disagree in shape, one reason each. */
  readonly skipped: readonly SkippedItem[];
  /** Width of `res.x` (the encoder's input width); null when no protein has `res.x`. */
  readonly resWidth: number | null;
  /** `res.x` column names, length `resWidth`. */
  readonly resColumns: readonly string[];
}

/**
 * Checks every protein's required node types (present, per-residue rows equal to `res` rows, `res` width equal
 * to the file's) and required edge types ((2, E) index, one attribute per edge). Shapes only.
 */
export function readIndex(handle: StructsFileHandle): StructsIndex {
  const proteins: StructsIndexEntry[] = [];
  const skipped: SkippedItem[] = [];
  for (const id of handle.proteinIds) {
    try {
      proteins.push({ id, length: probeProtein(handle, id, 'required').length });
    } catch (error) {
      skipped.push(skippedFromError(handle, id, error));
    }
  }
  return {
    file: handle.displayName,
    format: handle.format,
    proteins,
    skipped,
    resWidth: handle.resWidth,
    resColumns: handle.resColumns,
  };
}
