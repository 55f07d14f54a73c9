/**
 * Shape-only inspection of one `structs/<id>` group: which node and edge datasets exist and whether their
 * shapes agree. Reads metadata, never data, so the index can check thousands of proteins quickly.
 */
import { REQUIRED_EDGE_TYPES, REQUIRED_NODE_TYPES } from '../../protocol/protein-graph';
import { datasetDims, getDataset, getGroup, matrixSize } from './dataset-read';
import type { H5Dataset } from './h5-types';
import { edgeDatasetPath, nodeDatasetPath, parseEdgeName, PER_RESIDUE_NODE_TYPES, proteinPath } from './layout';
import type { StructsFileHandle } from './open-file';
import { StructsFileError, type StructsErrorContext } from './structs-error';

export interface NodeEntry {
  readonly type: string;
  readonly dataset: H5Dataset;
  /** HDF5 dims as stored, e.g. (N, 3, 3) for FoldTree2's R_true. */
  readonly dims: readonly number[];
  readonly rows: number;
  readonly cols: number;
}

export interface EdgeEntry {
  readonly name: string;
  readonly src: string;
  readonly dst: string;
  readonly index: H5Dataset;
  /** E, from the (2, E) edge_index shape. */
  readonly count: number;
  readonly attr: H5Dataset | null;
  readonly attrDims: readonly number[];
}

export interface ProteinLayout {
  readonly id: string;
  /** Residue count N = rows of `res`. */
  readonly length: number;
  readonly nodes: ReadonlyMap<string, NodeEntry>;
  readonly edges: ReadonlyMap<string, EdgeEntry>;
}

/**
 * `'required'` inspects only REQUIRED_NODE_TYPES / REQUIRED_EDGE_TYPES (the index); `'all'` inspects every node
 * type and every edge group (before a full read). Throws a StructsFileError naming the protein and dataset.
 */
export function probeProtein(handle: StructsFileHandle, id: string, scope: 'required' | 'all'): ProteinLayout {
  const { h5, file } = handle;
  const context: StructsErrorContext = { file: handle.displayName, protein: id };
  if (!getGroup(h5, file, proteinPath(id))) {
    throw new StructsFileError(context, `not found (no group ${proteinPath(id)})`);
  }
  const nodeTypes =
    scope === 'all' ? (getGroup(h5, file, `${proteinPath(id)}/node`)?.keys() ?? []) : REQUIRED_NODE_TYPES;
  const nodes = new Map<string, NodeEntry>();
  for (const type of nodeTypes) {
    const dataset = getDataset(h5, file, nodeDatasetPath(id, type));
    if (!dataset) continue;
    const dims = datasetDims(dataset);
    nodes.set(type, { type, dataset, dims, ...matrixSize(dims) });
  }
  const length = checkNodes(handle, nodes, context);

  const edgeNames =
    scope === 'all' ? (getGroup(h5, file, `${proteinPath(id)}/edge`)?.keys() ?? []) : REQUIRED_EDGE_TYPES;
  const edges = new Map<string, EdgeEntry>();
  for (const name of edgeNames) {
    const parsed = parseEdgeName(name);
    const index = getDataset(h5, file, edgeDatasetPath(id, name, 'edge_index'));
    // Groups FoldTree2's reader could not load either (unsplittable names, unknown node types) are left out.
    if (!parsed || !index || !nodes.has(parsed.src) || !nodes.has(parsed.dst)) continue;
    const dims = datasetDims(index);
    if (dims.length !== 2 || dims[0] !== 2) {
      throw new StructsFileError(
        { ...context, dataset: `edge/${name}/edge_index` },
        `shape (${dims.join(', ')}), expected (2, E)`,
      );
    }
    const attr = getDataset(h5, file, edgeDatasetPath(id, name, 'edge_attr'));
    edges.set(name, { name, ...parsed, index, count: dims[1] ?? 0, attr, attrDims: attr ? datasetDims(attr) : [] });
  }
  checkRequiredEdges(edges, context);
  return { id, length, nodes, edges };
}

function checkNodes(
  handle: StructsFileHandle,
  nodes: ReadonlyMap<string, NodeEntry>,
  context: StructsErrorContext,
): number {
  for (const type of REQUIRED_NODE_TYPES) {
    if (!nodes.has(type) && !handle.derivedNodeTypes.has(type)) {
      throw new StructsFileError(context, `missing required node type ${type} (no dataset node/${type}/x)`);
    }
  }
  const res = nodes.get('res');
  if (!res || res.dims.length !== 2 || res.rows < 1) {
    throw new StructsFileError(
      { ...context, dataset: 'node/res/x' },
      `shape (${res?.dims.join(', ')}), expected (N, width) with N ≥ 1`,
    );
  }
  if (handle.resWidth !== null && res.cols !== handle.resWidth) {
    throw new StructsFileError(
      { ...context, dataset: 'node/res/x' },
      `${res.cols} columns, but this file's res.x has ${handle.resWidth} (one model needs one input width)`,
    );
  }
  for (const node of nodes.values()) {
    if (PER_RESIDUE_NODE_TYPES.has(node.type) && (node.dims.length < 2 || node.rows !== res.rows)) {
      throw new StructsFileError(
        { ...context, dataset: `node/${node.type}/x` },
        `shape (${node.dims.join(', ')}), expected ${res.rows} rows (one per residue, as in node/res/x)`,
      );
    }
  }
  return res.rows;
}

function checkRequiredEdges(edges: ReadonlyMap<string, EdgeEntry>, context: StructsErrorContext): void {
  for (const name of REQUIRED_EDGE_TYPES) {
    const edge = edges.get(name);
    if (!edge)
      throw new StructsFileError(context, `missing required edge type ${name} (no dataset edge/${name}/edge_index)`);
    if (!edge.attr) throw new StructsFileError({ ...context, dataset: `edge/${name}` }, 'has no edge_attr');
    if (edge.attrDims[0] !== edge.count || edge.attrDims.length > 2) {
      throw new StructsFileError(
        { ...context, dataset: `edge/${name}/edge_attr` },
        `shape (${edge.attrDims.join(', ')}), expected (${edge.count},): one value per edge`,
      );
    }
  }
}
