/** Writes graphs to an HDF5 file on disk through a temporary name, so a failure never leaves a half-written file. */
import h5wasm from 'h5wasm/node';
import { renameSync, rmSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { writeProteinGraphs, type WriteOptions } from '../src/data/hdf5/writer';
import { FOLDTREE2_RES_COLUMNS } from '../src/data/hdf5/foldtree2-columns';
import { NODE_TYPES, type ProteinGraph } from '../src/protocol/protein-graph';

export interface StructsFileOptions {
  readonly contactCutoff: number;
  /**
   * Compact: gzip'd single-chunk datasets in HDF5 1.10 headers (no chunk B-tree per dataset) and `positions`
   * recomputed on load — about 2.5× smaller. Otherwise exactly FoldTree2's plain layout.
   */
  readonly compact: boolean;
  readonly builderSettings: WriteOptions['builderSettings'];
  /** FoldTree2's 857 `res.x` column names and 2 × distance contact attributes (`--foldtree2-exact` graphs). */
  readonly foldtree2Exact?: boolean;
}

/** Returns the size of the written file in bytes. */
export async function writeStructsFile(
  path: string,
  graphs: readonly ProteinGraph[],
  options: StructsFileOptions,
): Promise<number> {
  await h5wasm.ready;
  const temporary = `${path}.partial-${process.pid}`;
  try {
    const file = new h5wasm.File(temporary, 'w', options.compact ? { libver: ['v110', 'v110'] } : {});
    try {
      writeProteinGraphs(file, graphs, {
        fileName: basename(path),
        contactCutoff: options.contactCutoff,
        ...(options.builderSettings ? { builderSettings: options.builderSettings } : {}),
        ...(options.compact ? { gzipLevel: 4, derivedNodeTypes: [NODE_TYPES.positions] } : {}),
        ...(options.foldtree2Exact ? { resColumns: FOLDTREE2_RES_COLUMNS, doubledContactDistance: true } : {}),
      });
    } finally {
      file.close();
    }
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
  return statSync(path).size;
}
