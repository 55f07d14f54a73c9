/**
 * The proteins `npm run encode` reads: one FoldTree2-layout `.h5` (read by slices, its skipped proteins kept), or
 * PDB / mmCIF files built into graphs in memory as `npm run build-dataset` builds them (unbuildable chains and files
 * skipped with their reason).
 */
import h5wasm from 'h5wasm/node';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { buildStructureFiles } from '../../src/data/build/build-structure-files';
import { closeStructsFile, openStructsFile } from '../../src/data/hdf5/open-file';
import { readIndex } from '../../src/data/hdf5/read-index';
import type { SkippedItem } from '../../src/protocol/protein-graph';
import { hdf5Source, memorySource, type ProteinSource } from '../../src/train/trainer/protein-source';
import { collectStructureFiles } from '../collect-structure-files';

export interface OpenedSource {
  readonly source: ProteinSource;
  /** Inputs left out before encoding (unreadable proteins of the file, unbuildable structures). */
  readonly skipped: readonly SkippedItem[];
  close(): void;
}

export async function openEncodeSource(
  inputs: readonly string[],
  onBuilt?: (done: number, total: number, name: string) => void,
): Promise<OpenedSource> {
  const [first] = inputs;
  if (inputs.length === 1 && first?.endsWith('.h5')) {
    await h5wasm.ready;
    const handle = await openStructsFile(h5wasm, first, basename(first));
    const index = readIndex(handle);
    return { source: hdf5Source(handle, index), skipped: index.skipped, close: () => closeStructsFile(handle) };
  }
  const files = collectStructureFiles(inputs);
  if (files.length === 0)
    throw new Error(`no .pdb / .ent / .cif / .mmcif files (plain or .gz) in ${inputs.join(', ')}`);
  const built = await buildStructureFiles(
    files.map((path) => ({ name: basename(path), label: path, bytes: async () => new Uint8Array(readFileSync(path)) })),
    { contactCutoff: 15 },
    (k, input) => onBuilt?.(k, files.length, input.name),
  );
  return {
    source: memorySource(`${files.length} structure file${files.length === 1 ? '' : 's'}`, built.graphs),
    skipped: built.skipped,
    close: () => undefined,
  };
}
