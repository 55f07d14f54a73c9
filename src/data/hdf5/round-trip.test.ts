import h5wasm from 'h5wasm/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EdgeList, ProteinGraph } from '../../protocol/protein-graph';
import { RES_X_COLUMNS, RES_X_WIDTH } from '../../protocol/res-features';
import { closeStructsFile, openStructsFile, type StructsFileHandle } from './open-file';
import { readIndex } from './read-index';
import { readProtein, readProteins } from './read-protein';
import { makeGraph, makeTempDir } from './test-graphs.node';
import { writeProteinGraphs } from './writer';

const temp = makeTempDir('hdf5-round-trip-');
const noHbonds: EdgeList = { index: new Int32Array(0), count: 0, attr: new Float32Array(0) };
const first = makeGraph('1abc_A', 30, 1);
const graphs = [
  { ...first, edges: { ...first.edges, res_hbond_res: noHbonds } }, // an empty (2, 0) edge group round-trips too
  makeGraph('2xyz_B', 45, 2),
  makeGraph('AF-P12345', 61, 3),
];
let handle: StructsFileHandle;

beforeAll(async () => {
  await h5wasm.ready;
  const file = new h5wasm.File(temp.path('round.h5'), 'w');
  writeProteinGraphs(file, graphs, { contactCutoff: 10, builderSettings: { dssp: true } });
  file.close();
  handle = await openStructsFile(h5wasm, temp.path('round.h5'), 'round.h5');
});

afterAll(() => {
  closeStructsFile(handle);
  temp.remove();
});

/** Edges of `edge` whose cropped endpoints lie in [start, end), shifted: a brute-force reference crop. */
function cropByHand(edge: EdgeList, start: number, end: number, cropSrc: boolean, cropDst: boolean): EdgeList {
  const src: number[] = [];
  const dst: number[] = [];
  const attr: number[] = [];
  for (let e = 0; e < edge.count; e++) {
    const s = edge.index[e] ?? -1;
    const t = edge.index[edge.count + e] ?? -1;
    if ((cropSrc && (s < start || s >= end)) || (cropDst && (t < start || t >= end))) continue;
    src.push(cropSrc ? s - start : s);
    dst.push(cropDst ? t - start : t);
    attr.push(edge.attr?.[e] ?? Number.NaN);
  }
  const index = Int32Array.from([...src, ...dst]);
  return edge.attr ? { index, count: src.length, attr: Float32Array.from(attr) } : { index, count: src.length };
}

describe('writeProteinGraphs → readIndex / readProtein', () => {
  it('lists every protein with its residue count and the file-wide res.x width and columns', () => {
    const index = readIndex(handle);
    expect(index.format).toBe('foldtree-studio');
    expect(index.proteins).toEqual([
      { id: '1abc_A', length: 30 },
      { id: '2xyz_B', length: 45 },
      { id: 'AF-P12345', length: 61 },
    ]);
    expect(index.skipped).toEqual([]);
    expect(index.resWidth).toBe(RES_X_WIDTH);
    expect(index.resColumns).toEqual(RES_X_COLUMNS);
    expect(handle.contactCutoff).toBe(10);
  });

  it('reads every protein back identical, int64 indices and 3×3 frames included', () => {
    const { graphs: read, skipped } = readProteins(
      handle,
      graphs.map((g) => g.id),
    );
    expect(skipped).toEqual([]);
    expect(read).toEqual(graphs);
    const contacts = read[2]?.edges.res_contactPoints_res;
    expect(contacts?.count).toBeGreaterThan(61 * 4); // 10 Å contacts on a 3.8 Å-step trace: several per residue
  });

  it('stores FoldTree2 dtypes and shapes: int64 (2,E) edge_index, float32 (N,3,3) R_true, (E,) edge_attr', () => {
    const file = new h5wasm.File(temp.path('round.h5'), 'r');
    const graph = graphs[1] as ProteinGraph;
    const index = file.get('structs/2xyz_B/edge/res_contactPoints_res/edge_index') as InstanceType<
      typeof h5wasm.Dataset
    >;
    expect(index.dtype).toBe('<q');
    expect(index.shape).toEqual([2, graph.edges.res_contactPoints_res?.count]);
    expect(index.value).toBeInstanceOf(BigInt64Array);
    const frames = file.get('structs/2xyz_B/node/R_true/x') as InstanceType<typeof h5wasm.Dataset>;
    expect([frames.dtype, frames.shape]).toEqual(['<f', [45, 3, 3]]);
    const attr = file.get('structs/2xyz_B/edge/res_contactPoints_res/edge_attr') as InstanceType<typeof h5wasm.Dataset>;
    expect([attr.dtype, attr.shape]).toEqual(['<f', [graph.edges.res_contactPoints_res?.count]]);
    expect(file.get_attribute('format', false)).toBe('foldtree-studio');
    expect(file.get_attribute('format_version', false)).toBe(1);
    expect(JSON.parse(String(file.get_attribute('builder', false)))).toEqual({ dssp: true });
    const group = file.get('structs/2xyz_B') as InstanceType<typeof h5wasm.Group>;
    expect(group.get_attribute('contact_distance', false)).toBe('true');
    expect(group.get_attribute('sequence', false)).toBe(graph.sequence);
    file.close();
  });

  it('crops to a row window: per-residue rows sliced, one-row types whole, edges filtered and re-indexed', () => {
    const original = graphs[2] as ProteinGraph;
    const [start, end] = [7, 33];
    const cropped = readProtein(handle, original.id, { window: [start, end] });
    expect(cropped.length).toBe(26);
    expect(cropped.sequence).toBe(original.sequence.slice(start, end));
    const res = original.nodes.res;
    expect(cropped.nodes.res?.data).toEqual(res?.data.slice(start * RES_X_WIDTH, end * RES_X_WIDTH));
    expect(cropped.nodes.R_true).toEqual({
      data: original.nodes.R_true?.data.slice(start * 9, end * 9),
      rows: 26,
      cols: 9,
    });
    expect(cropped.nodes.fourier2dr).toEqual(original.nodes.fourier2dr);
    expect(cropped.nodes['godnode']).toEqual(original.nodes['godnode']);
    const contacts = original.edges.res_contactPoints_res as EdgeList;
    expect(cropped.edges.res_contactPoints_res).toEqual(cropByHand(contacts, start, end, true, true));
    expect(cropped.edges.res_contactPoints_res?.count).toBeLessThan(contacts.count);
    const toGod = original.edges['res_informs_godnode'] as EdgeList;
    expect(cropped.edges['res_informs_godnode']).toEqual(cropByHand(toGod, start, end, true, false));
    expect(cropped.edges['res_informs_godnode']?.count).toBe(26);
  });

  it('refuses a window outside the protein, naming it', () => {
    expect(() => readProtein(handle, '1abc_A', { window: [10, 31] })).toThrow(
      'round.h5: protein 1abc_A: row window [10, 31) is not inside [0, 30) or is empty',
    );
  });

  it('refuses to write a duplicate id or an edge name FoldTree2 cannot split', () => {
    const file = new h5wasm.File(temp.path('dup.h5'), 'w');
    const graph = makeGraph('dup', 26, 9);
    expect(() => writeProteinGraphs(file, [graph, graph], { fileName: 'dup.h5' })).toThrow(
      'dup.h5: protein dup: already in the file (ids must be unique)',
    );
    const badEdge = { ...makeGraph('bad', 26, 9), edges: { res_prody_hb_res: { index: new Int32Array(2), count: 1 } } };
    expect(() => writeProteinGraphs(file, [badEdge], { fileName: 'dup.h5' })).toThrow(
      'dup.h5: protein bad: edge type "res_prody_hb_res" is not <src>_<relation>_<dst>',
    );
    file.close();
  });
});
