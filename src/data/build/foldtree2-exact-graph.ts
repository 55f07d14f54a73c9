/**
 * A studio ProteinGraph in the form FoldTree2's mk1 builder writes (`pdbgraph.py` struct2pyg; foldtree2-reference
 * §1.2–1.5), for `--foldtree2-exact`:
 *   - `res.x` of 857 columns: phi psi omega, the 566 raw AAindex1 values of the residue's letter, the AA one-hot,
 *     the 256-column position code, R_true row-major, t_true;
 *   - `godnode` and `godnode4decoder` (1, 5) of ones, with `res_informs_godnode`, `godnode_informs_res` and the
 *     same pair for godnode4decoder (no edge_attr);
 *   - `res_window_res` ((i, i−1) and (i, i) for 1 ≤ i ≤ N−2) and `res_windowrev_res` (i → i+1), edge_attr 1;
 *   - contact edge_attr = 2 × the CA–CA distance (PyG to_undirected add-reduces FoldTree2's symmetric list).
 * Rows stay aligned residue by residue: mk1's one-residue shift of the AA columns against the geometry (§1.4) is a
 * bug we do not copy, nor its backbone self-loops with a shorter edge_attr; the other node and edge types are ours.
 */
import { EDGE_TYPES, NODE_TYPES, type NodeMatrix, type ProteinGraph } from '../../protocol/protein-graph';
import { pairEdges } from '../features/edge-list';
import { FOLDTREE2_RES_COLUMNS, FOLDTREE2_RES_WIDTH } from '../hdf5/foldtree2-columns';
import { AAINDEX_PROPERTIES, type AaindexTable } from './aaindex-table';

/** FoldTree2's node and edge types beyond the studio's. */
export const FOLDTREE2_GODNODES = ['godnode', 'godnode4decoder'] as const;
export const FOLDTREE2_WINDOW_EDGES = { window: 'res_window_res', windowReverse: 'res_windowrev_res' } as const;
/** Contact edge_attr over the CA–CA distance in FoldTree2's files. */
export const FOLDTREE2_CONTACT_ATTR_SCALE = 2;
const GODNODE_WIDTH = 5;

const column = (name: string): number => FOLDTREE2_RES_COLUMNS.indexOf(name);
const OFFSETS = {
  aaindex: column('aaindex0'),
  oneHot: column('aa_A'),
  positions: column('pe0'),
  frame: column('R0'),
  translation: column('t_x'),
};

function node(graph: ProteinGraph, type: string, cols: number): NodeMatrix {
  const matrix = graph.nodes[type];
  if (!matrix || matrix.cols !== cols || matrix.rows !== graph.length)
    throw new Error(`${graph.id}: --foldtree2-exact needs node ${type} of ${graph.length} × ${cols}`);
  return matrix;
}

/** The 857-column `res.x` of FoldTree2's builder, from the graph's own node matrices. */
export function foldtree2ResMatrix(graph: ProteinGraph, table: AaindexTable): NodeMatrix {
  const n = graph.length;
  const [angles, aa, positions, frames, translations] = [
    node(graph, NODE_TYPES.angles, 3),
    node(graph, NODE_TYPES.aa, 20),
    node(graph, NODE_TYPES.positions, 256),
    node(graph, NODE_TYPES.frames, 9),
    node(graph, NODE_TYPES.translations, 3),
  ];
  const data = new Float32Array(n * FOLDTREE2_RES_WIDTH);
  for (let i = 0; i < n; i++) {
    const row = i * FOLDTREE2_RES_WIDTH;
    data.set(angles.data.subarray(3 * i, 3 * i + 3), row);
    const oneHot = aa.data.subarray(20 * i, 20 * i + 20);
    const letter = oneHot.indexOf(1);
    if (letter >= 0)
      data.set(
        table.values.subarray(letter * AAINDEX_PROPERTIES, (letter + 1) * AAINDEX_PROPERTIES),
        row + OFFSETS.aaindex,
      );
    data.set(oneHot, row + OFFSETS.oneHot);
    data.set(positions.data.subarray(256 * i, 256 * i + 256), row + OFFSETS.positions);
    data.set(frames.data.subarray(9 * i, 9 * i + 9), row + OFFSETS.frame);
    data.set(translations.data.subarray(3 * i, 3 * i + 3), row + OFFSETS.translation);
  }
  return { data, rows: n, cols: FOLDTREE2_RES_WIDTH };
}

export function foldtree2ExactGraph(graph: ProteinGraph, table: AaindexTable): ProteinGraph {
  const n = graph.length;
  const contacts = graph.edges[EDGE_TYPES.contacts];
  if (!contacts?.attr) throw new Error(`${graph.id}: --foldtree2-exact needs contact distances`);
  const residues = Array.from({ length: n }, (_, i) => i);
  const window = residues.slice(1, Math.max(1, n - 1)).flatMap(
    (i) =>
      [
        [i, i - 1],
        [i, i],
      ] as const,
  );
  const windowReverse = residues.slice(0, Math.max(0, n - 1)).map((i) => [i, i + 1] as const);
  const godnodeEdges = FOLDTREE2_GODNODES.flatMap(
    (god) =>
      [
        [
          `res_informs_${god}`,
          pairEdges(
            residues.map((i) => [i, 0] as const),
            false,
          ),
        ],
        [
          `${god}_informs_res`,
          pairEdges(
            residues.map((i) => [0, i] as const),
            false,
          ),
        ],
      ] as const,
  );
  return {
    ...graph,
    nodes: {
      ...graph.nodes,
      [NODE_TYPES.res]: foldtree2ResMatrix(graph, table),
      ...Object.fromEntries(
        FOLDTREE2_GODNODES.map((god) => [
          god,
          { data: new Float32Array(GODNODE_WIDTH).fill(1), rows: 1, cols: GODNODE_WIDTH },
        ]),
      ),
    },
    edges: {
      ...graph.edges,
      [EDGE_TYPES.contacts]: { ...contacts, attr: contacts.attr.map((d) => d * FOLDTREE2_CONTACT_ATTR_SCALE) },
      [FOLDTREE2_WINDOW_EDGES.window]: pairEdges(window, true),
      [FOLDTREE2_WINDOW_EDGES.windowReverse]: pairEdges(windowReverse, true),
      ...Object.fromEntries(godnodeEdges),
    },
  };
}
