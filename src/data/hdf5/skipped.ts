/** Turning a per-protein failure into a SkippedItem, so one bad protein never stops the others. */
import type { SkippedItem } from '../../protocol/protein-graph';
import type { StructsFileHandle } from './open-file';
import { StructsFileError, summarizeHdf5Error } from './structs-error';

/**
 * `source` is `<file>:<protein id>`; `reason` names the protein and, where known, the dataset. Errors that
 * are not ours (an HDF5 read failure in a corrupt file) are summarised to HDF5's most specific line.
 */
export function skippedFromError(handle: StructsFileHandle, id: string, error: unknown): SkippedItem {
  const source = `${handle.displayName}:${id}`;
  if (error instanceof StructsFileError) {
    const where = error.dataset === null ? '' : `${error.dataset}: `;
    return { source, reason: `protein ${id}: ${where}${error.problem}` };
  }
  return { source, reason: `protein ${id}: could not be read (${summarizeHdf5Error(error)})` };
}
