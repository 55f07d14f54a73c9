/**
 * The value pass of opening a structs file: every protein the index kept is read once in full (the same reader the
 * trainers use), so NaN/Inf values, edge indices outside `[0, N)`, non-numeric dtypes, unreadable (corrupt)
 * compressed blocks and node matrices of the wrong width are found when the file opens, named per protein, and
 * those proteins are set aside before any training starts — never dropped silently mid-run.
 */
import { NODE_TYPES, REQUIRED_NODE_TYPES, type ProteinGraph, type SkippedItem } from '../../protocol/protein-graph';
import type { StructsFileHandle } from './open-file';
import { readProtein } from './read-protein';
import type { StructsIndex, StructsIndexEntry } from './read-index';
import { skippedFromError } from './skipped';
import { StructsFileError } from './structs-error';

/** Node types whose width is fixed by what they hold (x, y, z; a 3×3 frame); the rest must agree across proteins. */
const FIXED_WIDTHS: Readonly<Record<string, number>> = {
  [NODE_TYPES.coords]: 3,
  [NODE_TYPES.translations]: 3,
  [NODE_TYPES.frames]: 9,
  [NODE_TYPES.plddt]: 1,
};

/** Called after each protein with (proteins checked, proteins to check). */
export type ValueProgress = (done: number, total: number) => void;

/**
 * Throws a located error when a node type of `graph` has another width than its fixed one, or than the first
 * protein that had it (`seen`, filled as proteins pass): one batch needs one width per node type.
 */
function checkWidths(
  handle: StructsFileHandle,
  graph: ProteinGraph,
  seen: Map<string, { cols: number; id: string }>,
): void {
  for (const type of REQUIRED_NODE_TYPES) {
    const node = graph.nodes[type];
    if (!node) continue;
    const fixed = FIXED_WIDTHS[type];
    const first = seen.get(type);
    const expected = fixed ?? first?.cols;
    if (expected !== undefined && node.cols !== expected) {
      const why = fixed !== undefined ? '' : ` (as in protein ${first?.id ?? '?'}: one batch needs one width)`;
      throw new StructsFileError(
        { file: handle.displayName, protein: graph.id, dataset: `node/${type}/x` },
        `${node.cols} columns, expected ${expected}${why}`,
      );
    }
  }
  for (const type of REQUIRED_NODE_TYPES) {
    const node = graph.nodes[type];
    if (node && !seen.has(type)) seen.set(type, { cols: node.cols, id: graph.id });
  }
}

/**
 * `index` with every protein whose values cannot be trained on moved to `skipped` (its reason naming the protein,
 * the dataset and the value: "protein X: node/coords/x: value NaN at row 4, column 1 …"). Reads each protein once;
 * `onProgress` hears after every protein so a large file shows how far the check has come.
 */
export function validateValues(
  handle: StructsFileHandle,
  index: StructsIndex,
  onProgress: ValueProgress = () => undefined,
): StructsIndex {
  const proteins: StructsIndexEntry[] = [];
  const skipped: SkippedItem[] = [...index.skipped];
  const widths = new Map<string, { cols: number; id: string }>();
  for (const [k, entry] of index.proteins.entries()) {
    try {
      checkWidths(handle, readProtein(handle, entry.id), widths);
      proteins.push(entry);
    } catch (error) {
      skipped.push(skippedFromError(handle, entry.id, error));
    }
    onProgress(k + 1, index.proteins.length);
  }
  return { ...index, proteins, skipped };
}

/**
 * `index` without the proteins `excluded` names (`<file>:<id>` sources for this file, as `validateValues` lists
 * them): a trainer given the dataset panel's findings leaves those proteins out without reading them again. The
 * excluded items join `skipped` (once each), so the trainer reports them like its own.
 */
export function excludeProteins(index: StructsIndex, excluded: readonly SkippedItem[]): StructsIndex {
  const prefix = `${index.file}:`;
  const mine = excluded.filter((item) => item.source.startsWith(prefix));
  if (mine.length === 0) return index;
  const ids = new Set(mine.map((item) => item.source.slice(prefix.length)));
  const listed = new Set(index.skipped.map((item) => item.source));
  return {
    ...index,
    proteins: index.proteins.filter((p) => !ids.has(p.id)),
    skipped: [...index.skipped, ...mine.filter((item) => !listed.has(item.source))],
  };
}
