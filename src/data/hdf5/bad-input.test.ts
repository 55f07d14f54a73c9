import { readFileSync, writeFileSync } from 'node:fs';
import h5wasm from 'h5wasm/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EdgeList, NodeMatrix, ProteinGraph } from '../../protocol/protein-graph';
import { closeStructsFile, openStructsFile } from './open-file';
import { readIndex } from './read-index';
import { readProtein, readProteins } from './read-protein';
import { StructsFileError } from './structs-error';
import { makeGraph, makeTempDir } from './test-graphs.node';
import { writeProteinGraphs } from './writer';

const temp = makeTempDir('hdf5-bad-input-');

function writeFile(name: string, graphs: ProteinGraph[]): string {
  const file = new h5wasm.File(temp.path(name), 'w');
  writeProteinGraphs(file, graphs);
  file.close();
  return temp.path(name);
}

function withNode(graph: ProteinGraph, type: string, node: NodeMatrix | null): ProteinGraph {
  const nodes: Record<string, NodeMatrix> = { ...graph.nodes };
  if (node) nodes[type] = node;
  else delete nodes[type];
  return { ...graph, nodes };
}

function withContacts(graph: ProteinGraph, contacts: EdgeList): ProteinGraph {
  return { ...graph, edges: { ...graph.edges, res_contactPoints_res: contacts } };
}

async function openError(path: string, name: string): Promise<string> {
  const error: unknown = await openStructsFile(h5wasm, path, name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StructsFileError);
  return (error as Error).message;
}

beforeAll(async () => {
  await h5wasm.ready;
});

afterAll(() => temp.remove());

describe('files that cannot be opened give one line naming the file', () => {
  it('truncated HDF5 file', async () => {
    const full = readFileSync(writeFile('whole.h5', [makeGraph('a', 30, 1)]));
    writeFileSync(temp.path('cut.h5'), full.subarray(0, Math.floor(full.length * 0.6)));
    const message = await openError(temp.path('cut.h5'), 'cut.h5');
    expect(message).toMatch(/^cut\.h5: the HDF5 file is truncated or corrupt \(truncated file: eof = \d+/);
    expect(message).not.toContain('\n');
  });

  it('a file that is not HDF5', async () => {
    writeFileSync(temp.path('notes.h5'), 'id\tlength\n1abc\t120\n');
    expect(await openError(temp.path('notes.h5'), 'notes.h5')).toBe(
      'notes.h5: not an HDF5 file (it does not start with the HDF5 signature)',
    );
  });

  it('a file that does not exist', async () => {
    expect(await openError(temp.path('absent.h5'), 'absent.h5')).toBe('absent.h5: file not found');
  });

  it('an HDF5 file without structs/', async () => {
    const file = new h5wasm.File(temp.path('other.h5'), 'w');
    file.create_group('entry');
    file.create_dataset({ name: 'counts', data: new Float32Array([1, 2]) });
    file.close();
    expect(await openError(temp.path('other.h5'), 'other.h5')).toBe(
      'other.h5: no structs/ group, so this is not a FoldTree2-layout dataset (top level holds: counts, entry)',
    );
  });
});

describe('bad proteins are named and skipped; the others in the same file still load', () => {
  const good1 = makeGraph('good_1', 30, 11);
  const good2 = makeGraph('good_2', 28, 12);
  const base = makeGraph('x', 30, 13);
  const contacts = base.edges.res_contactPoints_res as EdgeList;
  const outOfRange = Int32Array.from(contacts.index);
  outOfRange[contacts.count + 5] = 33; // target of edge 5
  const nanCoords = Float32Array.from(base.nodes.coords?.data ?? []);
  nanCoords[4 * 3 + 1] = Number.NaN;
  const bad = [
    withContacts({ ...base, id: 'bad_edges' }, { ...contacts, index: outOfRange }),
    withNode({ ...base, id: 'nan_coord' }, 'coords', { data: nanCoords, rows: 30, cols: 3 }),
    withNode({ ...base, id: 'no_ss' }, 'ss', null),
    withNode({ ...base, id: 'short_aa' }, 'AA', { data: new Float32Array(29 * 20), rows: 29, cols: 20 }),
    withContacts({ ...base, id: 'no_dist' }, { index: contacts.index, count: contacts.count }),
  ];
  const graphs = [good1, ...bad, good2];

  it('the index skips, from shapes alone, proteins missing a required type or with mismatched rows', async () => {
    const handle = await openStructsFile(h5wasm, writeFile('mixed.h5', graphs), 'mixed.h5');
    const index = readIndex(handle);
    expect(index.proteins.map((p) => p.id)).toEqual(['bad_edges', 'good_1', 'good_2', 'nan_coord']);
    expect(index.skipped).toEqual([
      { source: 'mixed.h5:no_dist', reason: 'protein no_dist: edge/res_contactPoints_res: has no edge_attr' },
      { source: 'mixed.h5:no_ss', reason: 'protein no_ss: missing required node type ss (no dataset node/ss/x)' },
      {
        source: 'mixed.h5:short_aa',
        reason: 'protein short_aa: node/AA/x: shape (29, 20), expected 30 rows (one per residue, as in node/res/x)',
      },
    ]);
    closeStructsFile(handle);
  });

  it('reading names the protein and dataset of out-of-range indices and non-finite values', async () => {
    const handle = await openStructsFile(h5wasm, temp.path('mixed.h5'), 'mixed.h5');
    const { graphs: read, skipped } = readProteins(
      handle,
      readIndex(handle).proteins.map((p) => p.id),
    );
    expect(read).toEqual([good1, good2]);
    expect(skipped).toEqual([
      {
        source: 'mixed.h5:bad_edges',
        reason: 'protein bad_edges: edge/res_contactPoints_res/edge_index: edge 5 has target node 33, outside [0, 30)',
      },
      {
        source: 'mixed.h5:nan_coord',
        reason: 'protein nan_coord: node/coords/x: value NaN at row 4, column 1 (values must be finite)',
      },
    ]);
    expect(() => readProtein(handle, 'nan_coord')).toThrow(
      'mixed.h5: protein nan_coord: node/coords/x: value NaN at row 4, column 1 (values must be finite)',
    );
    expect(() => readProtein(handle, 'nope')).toThrow('mixed.h5: protein nope: not found (no group structs/nope)');
    closeStructsFile(handle);
  });
});
