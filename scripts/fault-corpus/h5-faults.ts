/**
 * Generated HDF5 files with bad values (class 1 of the fault corpus): each fault is one protein copied from a good
 * file and changed in one place, so the messages can be checked to name exactly that protein, dataset and value.
 * The writer is the studio's own; a non-numeric dataset is added with h5wasm directly, and a corrupt file is a good
 * one with 4 KiB overwritten in the middle by seeded noise.
 */
import h5wasm from 'h5wasm/node';
import { readFileSync, writeFileSync } from 'node:fs';
import { closeStructsFile, openStructsFile } from '../../src/data/hdf5/open-file';
import { readProtein } from '../../src/data/hdf5/read-protein';
import { writeProteinGraphs } from '../../src/data/hdf5/writer';
import type { EdgeList, NodeMatrix, ProteinGraph } from '../../src/protocol/protein-graph';
import { NODE_TYPES } from '../../src/protocol/protein-graph';

/** One bad protein: how it is made and the words its skip reason must contain. */
export interface ValueFault {
  readonly id: string;
  /** What is wrong, for the corpus manifest. */
  readonly what: string;
  /** A fragment the reason shown to the user must contain. */
  readonly reason: string;
  readonly make: (good: ProteinGraph) => ProteinGraph;
}

function withNode(graph: ProteinGraph, type: string, change: (node: NodeMatrix) => NodeMatrix | null): ProteinGraph {
  const nodes: Record<string, NodeMatrix> = { ...graph.nodes };
  const node = nodes[type];
  if (!node) throw new Error(`fault corpus: ${graph.id} has no node type ${type}`);
  const changed = change({ ...node, data: Float32Array.from(node.data) });
  if (changed) nodes[type] = changed;
  else delete nodes[type];
  return { ...graph, nodes };
}

function withContacts(graph: ProteinGraph, change: (index: Int32Array, count: number) => void): ProteinGraph {
  const contacts = graph.edges['res_contactPoints_res'] as EdgeList;
  const index = Int32Array.from(contacts.index);
  change(index, contacts.count);
  return { ...graph, edges: { ...graph.edges, res_contactPoints_res: { ...contacts, index } } };
}

function setValue(node: NodeMatrix, row: number, col: number, value: number): NodeMatrix {
  node.data[row * node.cols + col] = value;
  return node;
}

/** Every value fault the reader must catch at open; ids are the protein group names in the generated file. */
export const VALUE_FAULTS: readonly ValueFault[] = [
  {
    id: 'nan_coords',
    what: 'NaN in node/coords/x',
    reason: 'node/coords/x: value NaN at row 4, column 1',
    make: (g) => withNode(g, NODE_TYPES.coords, (n) => setValue(n, 4, 1, NaN)),
  },
  {
    id: 'inf_features',
    what: '+Inf in node/res/x',
    reason: 'node/res/x: value Infinity at row 2, column 3',
    make: (g) => withNode(g, NODE_TYPES.res, (n) => setValue(n, 2, 3, Infinity)),
  },
  {
    id: 'edge_past_end',
    what: 'a contact edge target equal to N',
    reason: 'outside [0,',
    make: (g) => withContacts(g, (index, count) => void (index[count] = g.length)),
  },
  {
    id: 'edge_negative',
    what: 'a contact edge source of -1',
    reason: 'source node -1',
    make: (g) => withContacts(g, (index) => void (index[0] = -1)),
  },
  {
    id: 'coords_two_columns',
    what: 'node/coords/x of shape (N, 2)',
    reason: 'node/coords/x: 2 columns, expected 3',
    make: (g) =>
      withNode(g, NODE_TYPES.coords, (n) => ({ rows: n.rows, cols: 2, data: n.data.filter((_, k) => k % 3 !== 2) })),
  },
  // Written without coords; `addTextCoords` then stores them as strings.
  {
    id: 'text_coords',
    what: 'node/coords/x stored as strings',
    reason: 'expected numbers but the dataset has dtype',
    make: (g) => withNode(g, NODE_TYPES.coords, () => null),
  },
];

/** The good proteins of an HDF5 file, read with the studio's reader. */
export async function readGoodProteins(path: string): Promise<ProteinGraph[]> {
  const handle = await openStructsFile(h5wasm, path, path);
  try {
    return handle.proteinIds.map((id) => readProtein(handle, id));
  } finally {
    closeStructsFile(handle);
  }
}

function addTextCoords(path: string, id: string, rows: number): void {
  const file = new h5wasm.File(path, 'a');
  try {
    const node = file.get(`structs/${id}/node`);
    if (!(node instanceof h5wasm.Group)) throw new Error(`fault corpus: no node group in ${id}`);
    const coords = node.create_group('coords');
    coords.create_dataset({
      name: 'x',
      data: Array.from({ length: rows * 3 }, (_, k) => `${k % 3 === 0 ? Math.floor(k / 3) : 0}.0`),
      shape: [rows, 3],
    });
  } finally {
    file.close();
  }
}

/**
 * Writes the good proteins and one bad copy of the first per fault (ids from VALUE_FAULTS) into `path`; with
 * `keepGood` false only the bad copies (a file with no usable protein). Returns the ids of the good proteins written.
 */
export async function writeValueFaultFile(
  path: string,
  good: readonly ProteinGraph[],
  keepGood = true,
): Promise<string[]> {
  const [first] = good;
  if (!first) throw new Error('fault corpus: no good protein to copy');
  await h5wasm.ready;
  const file = new h5wasm.File(path, 'w');
  try {
    writeProteinGraphs(
      file,
      [...(keepGood ? good : []), ...VALUE_FAULTS.map((fault) => ({ ...fault.make(first), id: fault.id }))],
      { contactCutoff: first.contactCutoff ?? 15 },
    );
  } finally {
    file.close();
  }
  addTextCoords(path, 'text_coords', first.length);
  return keepGood ? good.map((g) => g.id) : [];
}

/** A copy of `source` with `bytes` bytes in the middle replaced by seeded noise (a damaged download or disk). */
export function writeCorruptCopy(source: string, path: string, bytes = 4096, seed = 15): void {
  const data = Uint8Array.from(readFileSync(source));
  let state = seed >>> 0;
  const start = Math.max(0, Math.floor(data.length / 2) - bytes / 2);
  for (let k = start; k < Math.min(data.length, start + bytes); k++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[k] = state >>> 24;
  }
  writeFileSync(path, data);
}
