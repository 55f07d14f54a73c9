import { fileURLToPath } from 'node:url';
import h5wasm from 'h5wasm/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProteinGraph } from '../../protocol/protein-graph';
import { RES_X_WIDTH } from '../../protocol/res-features';
import { FOLDTREE2_RES_COLUMNS } from './foldtree2-columns';
import { closeStructsFile, openStructsFile, type StructsFileHandle } from './open-file';
import { readIndex } from './read-index';
import { readProteins } from './read-protein';
import { makeGraph, makeTempDir } from './test-graphs.node';
import { writeProteinGraphs } from './writer';
import { runPython } from '../../shared/python-reference.node';

/** What foldtree2_layout_reference.py reports about each protein it wrote (distances by numpy, float64). */
interface Expected {
  id: string;
  length: number;
  sequence: string;
  contactDistances: number[];
  edgeCounts: Record<string, number>;
  resRow0: number[];
  frameRow1: number[];
}

const script = fileURLToPath(new URL('./foldtree2_layout_reference.py', import.meta.url));
const python = (...args: string[]): string => runPython({ file: script }, { args });
const temp = makeTempDir('hdf5-foldtree2-');
let expected: Expected[];
let handle: StructsFileHandle;
let graphs: ProteinGraph[];

beforeAll(async () => {
  await h5wasm.ready;
  expected = JSON.parse(python('write', temp.path('structs_ft2.h5'))) as Expected[];
  handle = await openStructsFile(h5wasm, temp.path('structs_ft2.h5'), 'structs_ft2.h5');
  graphs = readProteins(handle, handle.proteinIds).graphs;
});

afterAll(() => {
  closeStructsFile(handle);
  temp.remove();
});

function graphOf(id: string): ProteinGraph {
  const graph = graphs.find((g) => g.id === id);
  if (!graph) throw new Error(`protein ${id} was not read`);
  return graph;
}

describe('reading a file in FoldTree2 layout written by h5py', () => {
  it('recognises the format, the 857-column res.x and its §1.3 column names; ignores stray root groups', () => {
    expect(handle.format).toBe('foldtree2');
    const index = readIndex(handle);
    expect(index.proteins).toEqual(expected.map(({ id, length }) => ({ id, length })));
    expect(index.skipped).toEqual([]);
    expect(index.resWidth).toBe(857);
    expect(index.resColumns).toBe(FOLDTREE2_RES_COLUMNS);
    const names = index.resColumns;
    expect([
      names[0],
      names[3],
      names[568],
      names[569],
      names[588],
      names[589],
      names[844],
      names[845],
      names[856],
    ]).toEqual(['phi', 'aaindex0', 'aaindex565', 'aa_A', 'aa_V', 'pe0', 'pe255', 'R0', 't_z']);
  });

  it('halves the stored 2× contact attribute back to the CA–CA distance numpy computed', () => {
    expect(graphs).toHaveLength(3);
    for (const want of expected) {
      const contacts = graphOf(want.id).edges.res_contactPoints_res;
      expect(contacts?.count).toBe(want.contactDistances.length);
      const attr = Array.from(contacts?.attr ?? []);
      const worst = Math.max(...attr.map((d, e) => Math.abs(d - (want.contactDistances[e] ?? Number.NaN))));
      expect(worst).toBeLessThan(1e-5);
    }
  });

  it('loads every node type with the right shape: (N,3,3) and (N,9) frames both become N×9', () => {
    for (const want of expected) {
      const graph = graphOf(want.id);
      const n = want.length;
      expect(graph.length).toBe(n);
      expect(graph.sequence).toBe(want.sequence); // recovered from the AA one-hot
      expect([graph.plddtSource, graph.contactCutoff]).toEqual(['unknown', null]);
      const shape = (type: string) => [graph.nodes[type]?.rows, graph.nodes[type]?.cols];
      expect(shape('res')).toEqual([n, 857]);
      expect(shape('R_true')).toEqual([n, 9]);
      expect(shape('positions')).toEqual([n, 256]);
      expect(shape('fourier2dr')).toEqual([1, 1300]);
      expect(shape('godnode')).toEqual([1, 5]);
      expect(shape('godnode4decoder')).toEqual([1, 5]);
      expect(Array.from(graph.nodes.res?.data.subarray(0, 857) ?? [])).toEqual(want.resRow0.map(Math.fround));
      expect(Array.from(graph.nodes.R_true?.data.subarray(9, 18) ?? [])).toEqual(want.frameRow1.map(Math.fround));
    }
    expect([graphOf('P69905_A').nodes['Foldx']?.rows, graphOf('P69905_A').nodes['Foldx']?.cols]).toEqual([1, 23]);
  });

  it('loads all ten edge groups; drops only the backbone attributes that are shorter than edge_index', () => {
    for (const want of expected) {
      const graph = graphOf(want.id);
      const n = want.length;
      const counts = Object.fromEntries(Object.entries(graph.edges).map(([name, edge]) => [name, edge.count]));
      expect(counts).toEqual(want.edgeCounts);
      expect(graph.edges.res_backbone_res?.count).toBe(2 * n - 1);
      expect(graph.edges.res_backbone_res?.attr).toBeUndefined();
      expect(graph.edges.res_backbonerev_res?.attr).toBeUndefined();
      expect(graph.edges['res_window_res']?.attr?.length).toBe(2 * (n - 2));
      expect(graph.edges.res_hbond_res?.attr?.length).toBe(12);
      expect(graph.edges['godnode_informs_res']?.attr).toBeUndefined();
      expect(Array.from(graph.edges['godnode_informs_res']?.index.subarray(n) ?? [])).toEqual(
        Array.from({ length: n }, (_, i) => i),
      );
    }
  });
});

describe('FoldTree2-style reading of a file we wrote (h5py, StructureDataset walk)', () => {
  it('finds float32 nodes, (N,3,3) R_true, int64 (2,E) edges whose names split in 3, true distances', () => {
    const graph = makeGraph('7abc_A', 33, 5);
    const file = new h5wasm.File(temp.path('ours.h5'), 'w');
    writeProteinGraphs(file, [graph], { contactCutoff: 10 });
    file.close();
    const seen = JSON.parse(python('read', temp.path('ours.h5'))) as Record<
      string,
      {
        nodes: Record<string, [number[], string]>;
        edges: Record<string, [number[], string, string | null]>;
        contactAttr: number[];
        contactIndex: number[][];
        attrs: string[];
      }
    >;
    const protein = seen['7abc_A'];
    const contacts = graph.edges.res_contactPoints_res;
    expect(protein?.nodes['R_true']).toEqual([[33, 3, 3], 'float32']);
    expect(protein?.nodes['res']).toEqual([[33, RES_X_WIDTH], 'float32']);
    expect(protein?.edges['res_contactPoints_res']).toEqual([[2, contacts?.count], 'int64', 'float32']);
    expect(protein?.edges['res_informs_godnode']).toEqual([[2, 33], 'int64', null]);
    expect(protein?.contactAttr).toEqual(Array.from(contacts?.attr ?? []));
    expect(protein?.contactIndex.flat()).toEqual(Array.from(contacts?.index ?? []));
    expect(protein?.attrs).toEqual(['contact_cutoff', 'contact_distance', 'plddt_source', 'sequence']);
    expect(seen['_root_attrs']).toEqual(['builder', 'contact_cutoff', 'format', 'format_version']);
  });
});
