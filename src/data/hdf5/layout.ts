/**
 * The FoldTree2 HDF5 layout (see docs/hdf5-layout.md): dataset paths, the attributes our writer adds, and
 * which node types are per-residue. One place for every name, shared by the writer and the reader.
 */
import { NODE_TYPES } from '../../protocol/protein-graph';

/** Root group holding one child group per protein. */
export const STRUCTS_GROUP = 'structs';

/** Value of the root `format` attribute in files we write; FoldTree2's files have no attributes at all. */
export const STUDIO_FORMAT = 'foldtree-studio';
/** Current `format_version`; readers refuse larger versions. */
export const STUDIO_FORMAT_VERSION = 1;

/** Attribute names. Root: FORMAT, FORMAT_VERSION, CONTACT_CUTOFF, BUILDER. Protein group: the rest. */
export const ATTR = {
  format: 'format',
  formatVersion: 'format_version',
  /** Å, float64; on the root (builder setting) and on every protein group. Absent = unknown. */
  contactCutoff: 'contact_cutoff',
  /** JSON object of the builder's settings (root). */
  builder: 'builder',
  /** String array on every `node/res/x`: the column names, length = column count. */
  columns: 'columns',
  sequence: 'sequence',
  plddtSource: 'plddt_source',
  /** `'true'`: contact `edge_attr` is the CA–CA distance. Absent (FoldTree2): it is 2× the distance. */
  contactDistance: 'contact_distance',
  /** String array (root): node types left out of the file because the reader recomputes them exactly. */
  derivedNodeTypes: 'derived_node_types',
} as const;

/**
 * Node types a writer may leave out and the reader recomputes: `positions` is a pure function of the row number
 * (§1.4) yet takes about half of a compressed file.
 */
export const DERIVABLE_NODE_TYPES: ReadonlySet<string> = new Set<string>([NODE_TYPES.positions]);

/** Value of the protein-group `contact_distance` attribute in files we write. */
export const CONTACT_DISTANCE_TRUE = 'true';
/** Its value in `--foldtree2-exact` files, whose contact attribute is FoldTree2's 2 × distance (readers halve it). */
export const CONTACT_DISTANCE_DOUBLED = 'doubled';

/** Node types whose rows are residues, so their row count must equal `res` rows and a crop window applies. */
export const PER_RESIDUE_NODE_TYPES: ReadonlySet<string> = new Set<string>([
  NODE_TYPES.res,
  NODE_TYPES.aa,
  NODE_TYPES.coords,
  NODE_TYPES.frames,
  NODE_TYPES.translations,
  NODE_TYPES.angles,
  NODE_TYPES.plddt,
  NODE_TYPES.positions,
  NODE_TYPES.ss,
  NODE_TYPES.fourier1dMagnitude,
  NODE_TYPES.fourier1dPhase,
]);

/** Node types we know; only these are checked for finite values (unknown extras pass through as stored). */
export const KNOWN_NODE_TYPES: ReadonlySet<string> = new Set<string>(Object.values(NODE_TYPES));

/** `structs/<id>` */
export function proteinPath(id: string): string {
  return `${STRUCTS_GROUP}/${id}`;
}

/** `structs/<id>/node/<type>/x`, relative to the file root. */
export function nodeDatasetPath(id: string, type: string): string {
  return `${proteinPath(id)}/node/${type}/x`;
}

/** `structs/<id>/edge/<name>/<edge_index|edge_attr>`, relative to the file root. */
export function edgeDatasetPath(id: string, name: string, part: 'edge_index' | 'edge_attr'): string {
  return `${proteinPath(id)}/edge/${name}/${part}`;
}

/**
 * Splits an edge-group name `<src>_<relation>_<dst>` like FoldTree2's reader (exactly three parts), or null
 * when the name does not split that way (such groups are not loaded; FoldTree2's reader breaks on them too).
 */
export function parseEdgeName(name: string): { src: string; relation: string; dst: string } | null {
  const parts = name.split('_');
  if (parts.length !== 3) return null;
  const [src, relation, dst] = parts;
  if (!src || !relation || !dst) return null;
  return { src, relation, dst };
}

/** HDF5 link names may not contain `/` or be `.`; ids are group names, so they must be plain names. */
export function isValidGroupName(name: string): boolean {
  return name.length > 0 && name !== '.' && !name.includes('/');
}
