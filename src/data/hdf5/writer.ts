/**
 * Writing ProteinGraphs in FoldTree2's HDF5 layout (so FoldTree2's own reader can load our files), plus the
 * attributes FoldTree2's files lack, which is how readers tell the two apart (docs/hdf5-layout.md).
 */
import { NODE_TYPES, type EdgeList, type NodeMatrix, type ProteinGraph } from '../../protocol/protein-graph';
import { RES_X_COLUMNS } from '../../protocol/res-features';
import { writeFloat64Attribute, writeInt32Attribute, writeStringAttribute } from './attributes';
import type { H5File, H5Group } from './h5-types';
import {
  ATTR,
  CONTACT_DISTANCE_DOUBLED,
  CONTACT_DISTANCE_TRUE,
  DERIVABLE_NODE_TYPES,
  isValidGroupName,
  parseEdgeName,
  STRUCTS_GROUP,
  STUDIO_FORMAT,
  STUDIO_FORMAT_VERSION,
} from './layout';

export interface WriteOptions {
  /** Name used in messages (the output file's name). */
  readonly fileName?: string;
  /** Contact cutoff in Å the builder used, stored as the root `contact_cutoff`; omit when unknown. */
  readonly contactCutoff?: number;
  /** Names of the `res.x` columns, stored on every `node/res/x`; default RES_X_COLUMNS. */
  readonly resColumns?: readonly string[];
  /** Further builder settings, stored as JSON in the root `builder` attribute. */
  readonly builderSettings?: Readonly<Record<string, string | number | boolean | null>>;
  /**
   * gzip level 1–9 for every non-empty dataset (one chunk per dataset, which fits per-protein reads), or
   * undefined for none, as FoldTree2 writes. h5py and FoldTree2's reader decompress transparently.
   */
  readonly gzipLevel?: number;
  /**
   * Node types to leave out because the reader recomputes them (DERIVABLE_NODE_TYPES: `positions`), recorded in
   * the root `derived_node_types`. Leave empty for files FoldTree2's own code will read.
   */
  readonly derivedNodeTypes?: readonly string[];
  /**
   * The graphs' contact edge_attr is FoldTree2's 2 × distance (`--foldtree2-exact`): recorded as
   * `contact_distance = 'doubled'`, so readers halve it. Default: the true distance (`'true'`).
   */
  readonly doubledContactDistance?: boolean;
}

/** create_dataset's storage arguments: contiguous, or one gzip'd chunk spanning the whole dataset. */
function storage(
  shape: readonly number[],
  gzipLevel: number | undefined,
): { chunks?: number[]; compression?: 'gzip'; compression_opts?: number } {
  if (gzipLevel === undefined || shape.some((n) => n === 0)) return {};
  return { chunks: [...shape], compression: 'gzip', compression_opts: gzipLevel };
}

/** Creates `path` (relative to `parent`) one level at a time: h5wasm does not create intermediate groups. */
function ensureGroup(parent: H5Group, path: string, where: string): H5Group {
  let group = parent;
  for (const name of path.split('/')) {
    const existing = group.get(name) ?? group.create_group(name);
    if (!existing || !('create_group' in existing)) throw new Error(`${where}: could not create group ${name}`);
    group = existing;
  }
  return group;
}

function writeRootAttributes(file: H5File, options: WriteOptions): void {
  const present = new Set(Object.keys(file.attrs));
  if (present.has(ATTR.format)) return; // appending to a file we wrote before
  writeStringAttribute(file, ATTR.format, STUDIO_FORMAT);
  writeInt32Attribute(file, ATTR.formatVersion, STUDIO_FORMAT_VERSION);
  if (options.contactCutoff !== undefined) writeFloat64Attribute(file, ATTR.contactCutoff, options.contactCutoff);
  writeStringAttribute(file, ATTR.builder, JSON.stringify(options.builderSettings ?? {}));
  if (options.derivedNodeTypes?.length) writeStringAttribute(file, ATTR.derivedNodeTypes, options.derivedNodeTypes);
}

/** FoldTree2 stores R_true as (N, 3, 3); every other node matrix as (rows, cols). */
function nodeShape(type: string, node: NodeMatrix): number[] {
  return type === NODE_TYPES.frames && node.cols === 9 ? [node.rows, 3, 3] : [node.rows, node.cols];
}

function writeNode(
  proteinGroup: H5Group,
  type: string,
  node: NodeMatrix,
  columns: readonly string[],
  where: string,
  gzipLevel?: number,
): void {
  if (!isValidGroupName(type))
    throw new Error(`${where}: node type name ${JSON.stringify(type)} is not a valid group name`);
  if (node.data.length !== node.rows * node.cols) {
    throw new Error(`${where}: node ${type} holds ${node.data.length} values, expected ${node.rows} × ${node.cols}`);
  }
  if (type === NODE_TYPES.res && node.cols !== columns.length) {
    throw new Error(`${where}: res.x has ${node.cols} columns but ${columns.length} column names were given`);
  }
  const group = ensureGroup(proteinGroup, `node/${type}`, where);
  const shape = nodeShape(type, node);
  const dataset = group.create_dataset({
    name: 'x',
    data: node.data,
    shape,
    dtype: '<f',
    ...storage(shape, gzipLevel),
  });
  if (type === NODE_TYPES.res) writeStringAttribute(dataset, ATTR.columns, columns);
}

function writeEdge(proteinGroup: H5Group, name: string, edge: EdgeList, where: string, gzipLevel?: number): void {
  if (!parseEdgeName(name))
    throw new Error(`${where}: edge type ${JSON.stringify(name)} is not <src>_<relation>_<dst>`);
  if (edge.index.length !== 2 * edge.count) {
    throw new Error(`${where}: edge ${name} index holds ${edge.index.length} values, expected 2 × ${edge.count}`);
  }
  if (edge.attr && edge.attr.length !== edge.count) {
    throw new Error(`${where}: edge ${name} has ${edge.attr.length} attribute values for ${edge.count} edges`);
  }
  const group = ensureGroup(proteinGroup, `edge/${name}`, where);
  const index = BigInt64Array.from(edge.index, (v) => BigInt(v));
  group.create_dataset({
    name: 'edge_index',
    data: index,
    shape: [2, edge.count],
    dtype: '<q',
    ...storage([2, edge.count], gzipLevel),
  });
  if (edge.attr)
    group.create_dataset({
      name: 'edge_attr',
      data: edge.attr,
      shape: [edge.count],
      dtype: '<f',
      ...storage([edge.count], gzipLevel),
    });
}

/**
 * Writes each graph as `structs/<id>` into `file` (an h5wasm File opened with 'w' or 'a', either build):
 * node matrices as float32 `node/<type>/x` of shape (rows, cols) — `R_true` as (N, 3, 3) — and edges as int64
 * `edge/<name>/edge_index` (2, E) with float32 `edge_attr` (E,). Contact attributes are written as the true
 * distance and marked with `contact_distance = 'true'` (or as given, `'doubled'`). Throws naming the file and protein on inconsistent
 * graphs or a duplicate id; the caller closes the file.
 */
export function writeProteinGraphs(file: H5File, graphs: Iterable<ProteinGraph>, options: WriteOptions = {}): void {
  const fileName = options.fileName ?? file.filename;
  const columns = options.resColumns ?? RES_X_COLUMNS;
  const derived = new Set(options.derivedNodeTypes ?? []);
  for (const type of derived)
    if (!DERIVABLE_NODE_TYPES.has(type))
      throw new Error(`${fileName}: ${type} cannot be left out (the reader cannot recompute it)`);
  writeRootAttributes(file, options);
  const structs = ensureGroup(file, STRUCTS_GROUP, fileName);
  const written = new Set(structs.keys());
  for (const graph of graphs) {
    const where = `${fileName}: protein ${graph.id}`;
    if (!isValidGroupName(graph.id)) throw new Error(`${where}: the id is not a valid group name`);
    if (written.has(graph.id)) throw new Error(`${where}: already in the file (ids must be unique)`);
    written.add(graph.id);
    const group = ensureGroup(structs, graph.id, where);
    writeStringAttribute(group, ATTR.sequence, graph.sequence);
    writeStringAttribute(group, ATTR.plddtSource, graph.plddtSource);
    writeStringAttribute(
      group,
      ATTR.contactDistance,
      options.doubledContactDistance ? CONTACT_DISTANCE_DOUBLED : CONTACT_DISTANCE_TRUE,
    );
    if (graph.contactCutoff !== null) writeFloat64Attribute(group, ATTR.contactCutoff, graph.contactCutoff);
    for (const [type, node] of Object.entries(graph.nodes))
      if (node && !derived.has(type)) writeNode(group, type, node, columns, where, options.gzipLevel);
    for (const [name, edge] of Object.entries(graph.edges))
      if (edge) writeEdge(group, name, edge, where, options.gzipLevel);
  }
}
