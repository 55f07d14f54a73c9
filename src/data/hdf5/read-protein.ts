/**
 * Reading one protein into a ProteinGraph, fully validated, optionally cropped to a residue window; and the
 * caller-facing helper that reads many and sets the bad ones aside.
 */
import { AMINO_ACIDS } from '../../protocol/res-features';
import {
  NODE_TYPES,
  type EdgeList,
  type NodeMatrix,
  type PlddtSource,
  type ProteinGraph,
  type SkippedItem,
} from '../../protocol/protein-graph';
import { POSITION_CODE_DIM, positionEncoding } from '../features/position-encoding';
import { readNumberAttribute, readStringAttribute } from './attributes';
import { assertFinite, getGroup, readFloat32 } from './dataset-read';
import { ATTR, CONTACT_DISTANCE_TRUE, KNOWN_NODE_TYPES, PER_RESIDUE_NODE_TYPES, proteinPath } from './layout';
import type { StructsFileHandle } from './open-file';
import { probeProtein, type NodeEntry, type ProteinLayout } from './protein-layout';
import { readEdgeList } from './read-edges';
import { skippedFromError } from './skipped';
import { StructsFileError, type StructsErrorContext } from './structs-error';

/** Residue rows `[start, end)`, 0-based, end exclusive. */
export type RowWindow = readonly [start: number, end: number];

export interface ReadProteinOptions {
  /** Keep only these residue rows (a crop); edges with a cropped endpoint outside it are dropped. */
  readonly window?: RowWindow;
}

/** Per-residue types, plus unknown extras with one row per residue (mk2 tracks); one-row types stay whole. */
function isCroppedNode(node: NodeEntry | undefined, length: number): boolean {
  if (!node) return false;
  if (PER_RESIDUE_NODE_TYPES.has(node.type)) return true;
  return !KNOWN_NODE_TYPES.has(node.type) && node.dims.length >= 2 && node.rows === length;
}

function resolveWindow(window: RowWindow | undefined, length: number, context: StructsErrorContext): RowWindow {
  if (!window) return [0, length];
  const [start, end] = window;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > length || start >= end) {
    throw new StructsFileError(context, `row window [${start}, ${end}) is not inside [0, ${length}) or is empty`);
  }
  return window;
}

function readNodes(layout: ProteinLayout, window: RowWindow, context: StructsErrorContext): Record<string, NodeMatrix> {
  const nodes: Record<string, NodeMatrix> = {};
  for (const node of layout.nodes.values()) {
    const nodeContext = { ...context, dataset: `node/${node.type}/x` };
    const cropped = isCroppedNode(node, layout.length);
    const rows = cropped ? window[1] - window[0] : node.rows;
    const data = readFloat32(node.dataset, nodeContext, cropped ? window : undefined);
    if (data.length !== rows * node.cols) {
      throw new StructsFileError(nodeContext, `read ${data.length} values, expected ${rows} × ${node.cols}`);
    }
    // Unknown extras are passed through as stored: nothing we train on reads them.
    if (KNOWN_NODE_TYPES.has(node.type)) assertFinite(data, node.cols, nodeContext);
    nodes[node.type] = { data, rows, cols: node.cols };
  }
  return nodes;
}

/** Recomputes the node types the file leaves out (`derived_node_types`), for the rows of `window`. */
function derivedNodes(handle: StructsFileHandle, layout: ProteinLayout, window: RowWindow): Record<string, NodeMatrix> {
  const nodes: Record<string, NodeMatrix> = {};
  if (handle.derivedNodeTypes.has(NODE_TYPES.positions) && !layout.nodes.has(NODE_TYPES.positions)) {
    const rows = window[1] - window[0];
    // Absolute residue numbers, as if the stored table had been sliced.
    const data = positionEncoding(window[1]).slice(window[0] * POSITION_CODE_DIM);
    nodes[NODE_TYPES.positions] = { data, rows, cols: POSITION_CODE_DIM };
  }
  return nodes;
}

/** FoldTree2 files store no sequence: take each AA one-hot row's hot column ('X' for an all-zero row). */
function sequenceFromOneHot(aa: NodeMatrix | undefined): string {
  if (!aa) return '';
  let sequence = '';
  for (let r = 0; r < aa.rows; r++) {
    let best = -1;
    let bestValue = 0;
    for (let c = 0; c < Math.min(aa.cols, AMINO_ACIDS.length); c++) {
      const value = aa.data[r * aa.cols + c] ?? 0;
      if (value > bestValue) [best, bestValue] = [c, value];
    }
    sequence += best < 0 ? 'X' : AMINO_ACIDS[best];
  }
  return sequence;
}

function asPlddtSource(value: string | null): PlddtSource {
  return value === 'plddt' || value === 'bfactor' ? value : 'unknown';
}

/**
 * Reads `structs/<id>` as a ProteinGraph: every node type (float32; (N,3,3) frames become N×9) and every
 * loadable edge group (int32 indices). Throws a StructsFileError naming the protein and dataset when a required
 * dataset is missing or mis-shaped, an edge index is out of range, or a value of a known type is not finite.
 * Contact `attr` is always the true CA–CA distance in Å (FoldTree2's 2× values are halved).
 */
export function readProtein(handle: StructsFileHandle, id: string, options: ReadProteinOptions = {}): ProteinGraph {
  const context: StructsErrorContext = { file: handle.displayName, protein: id };
  const layout = probeProtein(handle, id, 'all');
  const window = resolveWindow(options.window, layout.length, context);
  const group = getGroup(handle.h5, handle.file, proteinPath(id));
  const halveContacts = !group || readStringAttribute(group, ATTR.contactDistance) !== CONTACT_DISTANCE_TRUE;

  const nodes = { ...readNodes(layout, window, context), ...derivedNodes(handle, layout, window) };
  const edges: Record<string, EdgeList> = {};
  const isCropped = (type: string): boolean => isCroppedNode(layout.nodes.get(type), layout.length);
  for (const entry of layout.edges.values()) {
    edges[entry.name] = readEdgeList(entry, layout, { window, isCropped, halveContacts }, context);
  }

  const length = window[1] - window[0];
  const stored = group ? readStringAttribute(group, ATTR.sequence) : null;
  if (stored !== null && stored.length !== layout.length) {
    throw new StructsFileError(
      context,
      `sequence attribute has ${stored.length} letters but res has ${layout.length} rows`,
    );
  }
  return {
    id,
    length,
    sequence: stored !== null ? stored.slice(window[0], window[1]) : sequenceFromOneHot(nodes['AA']),
    plddtSource: asPlddtSource(group ? readStringAttribute(group, ATTR.plddtSource) : null),
    contactCutoff: (group ? readNumberAttribute(group, ATTR.contactCutoff) : null) ?? handle.contactCutoff,
    nodes,
    edges,
  };
}

/** One protein to read: its id, or its id and a crop window. */
export type ProteinRequest = string | { readonly id: string; readonly window?: RowWindow };

/** Reads each request in order; a protein that fails is listed in `skipped` and the rest still load. */
export function readProteins(
  handle: StructsFileHandle,
  requests: readonly ProteinRequest[],
): { graphs: ProteinGraph[]; skipped: SkippedItem[] } {
  const graphs: ProteinGraph[] = [];
  const skipped: SkippedItem[] = [];
  for (const request of requests) {
    const id = typeof request === 'string' ? request : request.id;
    const window = typeof request === 'string' ? undefined : request.window;
    try {
      graphs.push(readProtein(handle, id, window ? { window } : {}));
    } catch (error) {
      skipped.push(skippedFromError(handle, id, error));
    }
  }
  return { graphs, skipped };
}
