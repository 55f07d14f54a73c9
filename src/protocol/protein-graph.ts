/**
 * One protein chain as a typed-array graph, the in-memory twin of one `structs/<id>` group in a
 * FoldTree2-layout HDF5 file. Everything here is serialisable (structured-clone / transferable):
 * no tensors, no class instances.
 */

/** A row-major float32 matrix: `data.length === rows * cols`. */
export interface NodeMatrix {
  readonly data: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

/**
 * A directed edge list. `index` is 2×E row-major (sources `index[0..E)`, targets `index[E..2E)`),
 * PyG convention: messages flow source → target. `attr`, when present, has one value per edge.
 */
export interface EdgeList {
  readonly index: Int32Array;
  readonly count: number;
  readonly attr?: Float32Array;
}

/** Node-type names, as in FoldTree2's `structs/<id>/node/<type>`. */
export const NODE_TYPES = {
  res: 'res',
  aa: 'AA',
  coords: 'coords',
  frames: 'R_true',
  translations: 't_true',
  angles: 'bondangles',
  plddt: 'plddt',
  positions: 'positions',
  ss: 'ss',
  fourier1dMagnitude: 'fourier1dr',
  fourier1dPhase: 'fourier1di',
  fourier2dMagnitude: 'fourier2dr',
  fourier2dPhase: 'fourier2di',
} as const;
export type NodeTypeName = (typeof NODE_TYPES)[keyof typeof NODE_TYPES];

/** Edge-group names, `<src>_<relation>_<dst>` as FoldTree2 writes them. */
export const EDGE_TYPES = {
  contacts: 'res_contactPoints_res',
  backbone: 'res_backbone_res',
  backboneReverse: 'res_backbonerev_res',
  hbond: 'res_hbond_res',
} as const;
export type EdgeTypeName = (typeof EDGE_TYPES)[keyof typeof EDGE_TYPES];

/** Node types every trainable protein must carry (what training reads, see docs/hdf5-layout.md). */
export const REQUIRED_NODE_TYPES: readonly NodeTypeName[] = [
  'res',
  'AA',
  'coords',
  'bondangles',
  'plddt',
  'positions',
  'ss',
  'fourier1dr',
  'fourier1di',
];
/** Edge types every trainable protein must carry. */
export const REQUIRED_EDGE_TYPES: readonly EdgeTypeName[] = ['res_contactPoints_res'];

/** Where the per-residue `plddt` column came from. */
export type PlddtSource = 'plddt' | 'bfactor' | 'unknown';

export interface ProteinGraph {
  /** Group name under `structs/`: file stem, then `_<chain>` (e.g. `1a5z_A`). */
  readonly id: string;
  /** Residue count N (rows of every per-residue node matrix). */
  readonly length: number;
  /** One-letter sequence, length N, row k = residue k. */
  readonly sequence: string;
  /** Whether `plddt` holds model confidence (AlphaFold-style) or an experimental B-factor ÷ 100. */
  readonly plddtSource: PlddtSource;
  /** Contact cutoff in Å used to build `res_contactPoints_res`; null when unknown (foreign files). */
  readonly contactCutoff: number | null;
  /** Node matrices by type; per-residue types have `rows === length`, `fourier2d*` has one row. */
  readonly nodes: Readonly<Partial<Record<NodeTypeName, NodeMatrix>>> & Readonly<Record<string, NodeMatrix>>;
  /** Edge lists by type. Contact `attr` is always the true CA–CA distance in Å once loaded. */
  readonly edges: Readonly<Partial<Record<EdgeTypeName, EdgeList>>> & Readonly<Record<string, EdgeList>>;
}

/** A protein or input that could not be used, with a reason a person can act on. */
export interface SkippedItem {
  /** File name, optionally `file:chain` or the protein id inside an HDF5 file. */
  readonly source: string;
  readonly reason: string;
}
