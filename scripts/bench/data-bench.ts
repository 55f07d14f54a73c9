/**
 * The data pipeline's speed: proteins per second for building graphs from structure files, and for reading them
 * back from HDF5 (compact and FoldTree2-plain files), on the structures in fixtures/structures.
 */
import h5wasm from 'h5wasm/node';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { buildProteinGraphs } from '../../src/data/build/build-protein-graphs';
import { closeStructsFile, openStructsFile } from '../../src/data/hdf5/open-file';
import { readIndex } from '../../src/data/hdf5/read-index';
import { readProtein } from '../../src/data/hdf5/read-protein';
import type { ProteinGraph } from '../../src/protocol/protein-graph';
import { collectStructureFiles } from '../collect-structure-files';
import { writeStructsFile } from '../write-structs-file';

const structures = resolve(import.meta.dirname, '../../fixtures/structures');

async function benchBuild(
  files: readonly string[],
): Promise<{ graphs: ProteinGraph[]; seconds: number; residues: number }> {
  const inputs = files.map((path) => ({ name: basename(path), bytes: new Uint8Array(readFileSync(path)) }));
  const graphs: ProteinGraph[] = [];
  const started = performance.now();
  for (const { name, bytes } of inputs) {
    const built = await buildProteinGraphs(name, bytes);
    graphs.push(...built.graphs.filter((g) => !graphs.some((h) => h.id === g.id)));
  }
  const seconds = (performance.now() - started) / 1000;
  return { graphs, seconds, residues: graphs.reduce((sum, g) => sum + g.length, 0) };
}

async function benchRead(
  path: string,
  cropTo?: number,
): Promise<{ proteins: number; seconds: number; indexSeconds: number }> {
  const started = performance.now();
  const handle = await openStructsFile(h5wasm, path, basename(path));
  const index = readIndex(handle);
  const indexSeconds = (performance.now() - started) / 1000;
  const readStart = performance.now();
  for (const { id, length } of index.proteins) {
    const window = cropTo && length > cropTo ? ({ window: [0, cropTo] } as const) : {};
    readProtein(handle, id, window);
  }
  const seconds = (performance.now() - readStart) / 1000;
  closeStructsFile(handle);
  return { proteins: index.proteins.length, seconds, indexSeconds };
}

const perSecond = (count: number, seconds: number) => Math.round((count / seconds) * 10) / 10;

/** Builds every structure, writes a compact and a plain file, and times reading both back. */
export async function measureDataPipeline() {
  await h5wasm.ready;
  const files = collectStructureFiles([structures]);
  const build = await benchBuild(files);
  const folder = mkdtempSync(join(tmpdir(), 'bench-data-'));
  try {
    const compactPath = join(folder, 'compact.h5');
    const plainPath = join(folder, 'plain.h5');
    const compactBytes = await writeStructsFile(compactPath, build.graphs, {
      contactCutoff: 15,
      compact: true,
      builderSettings: {},
    });
    const plainBytes = await writeStructsFile(plainPath, build.graphs, {
      contactCutoff: 15,
      compact: false,
      builderSettings: {},
    });
    const compact = await benchRead(compactPath);
    const plain = await benchRead(plainPath);
    const cropped = await benchRead(compactPath, 128);
    return {
      input: {
        files: files.length,
        proteins: build.graphs.length,
        residues: build.residues,
        source: 'fixtures/structures',
      },
      build: {
        seconds: build.seconds,
        proteinsPerSecond: perSecond(build.graphs.length, build.seconds),
        residuesPerSecond: Math.round(build.residues / build.seconds),
      },
      read: {
        compact: {
          fileMiB: compactBytes / 2 ** 20,
          indexSeconds: compact.indexSeconds,
          proteinsPerSecond: perSecond(compact.proteins, compact.seconds),
        },
        plain: {
          fileMiB: plainBytes / 2 ** 20,
          indexSeconds: plain.indexSeconds,
          proteinsPerSecond: perSecond(plain.proteins, plain.seconds),
        },
        compactCroppedTo128: { proteinsPerSecond: perSecond(cropped.proteins, cropped.seconds) },
      },
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export type DataBenchResult = Awaited<ReturnType<typeof measureDataPipeline>>;
