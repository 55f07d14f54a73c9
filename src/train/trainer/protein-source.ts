/** Where a trainer's proteins come from: an open structs file (read by slices) or graphs already in memory. */
import { padBatch, type PadBatchOptions } from '../../data/batch/pad-batch';
import type { StructsFileHandle } from '../../data/hdf5/open-file';
import type { StructsIndex } from '../../data/hdf5/read-index';
import { readBatch, type ReadBatchResult } from '../../data/read-batch';
import type { ProteinGraph } from '../../protocol/protein-graph';

export interface ProteinSource {
  /** Dataset name for messages. */
  readonly name: string;
  /** Usable proteins, in a fixed order (the index order of the file). */
  readonly proteinIds: readonly string[];
  readonly lengths: readonly number[];
  /** Width of `res.x`: the encoder's input width. */
  readonly inputWidth: number;
  /** Pads the given proteins into one batch; proteins that fail are skipped with their reason. */
  readBatch(ids: readonly string[], options: PadBatchOptions): ReadBatchResult;
}

export function hdf5Source(handle: StructsFileHandle, index: StructsIndex): ProteinSource {
  return {
    name: handle.displayName,
    proteinIds: index.proteins.map((p) => p.id),
    lengths: index.proteins.map((p) => p.length),
    inputWidth: index.resWidth ?? 0,
    readBatch: (ids, options) => readBatch(handle, ids, options),
  };
}

export function memorySource(name: string, graphs: readonly ProteinGraph[]): ProteinSource {
  const byId = new Map(graphs.map((g) => [g.id, g]));
  return {
    name,
    proteinIds: graphs.map((g) => g.id),
    lengths: graphs.map((g) => g.length),
    inputWidth: graphs[0]?.nodes['res']?.cols ?? 0,
    readBatch(ids, options) {
      const found = ids.map((id) => byId.get(id)).filter((g): g is ProteinGraph => g !== undefined);
      const skipped = ids
        .filter((id) => !byId.has(id))
        .map((id) => ({ source: `${name}:${id}`, reason: `protein ${id} is not in ${name}` }));
      return { batch: found.length > 0 ? padBatch(found, options) : null, skipped };
    },
  };
}
