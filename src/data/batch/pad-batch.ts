/**
 * Crops and pads a list of protein graphs into one dense {@link PaddedBatch}. The model runs its graph
 * layers as dense masked attention over these arrays because tfjs segment ops (gather +
 * unsortedSegmentSum) are unusably slow or missing on its backends (docs/architecture.md, "Measured").
 */
import type { NodeMatrix, NodeTypeName, ProteinGraph } from '../../protocol/protein-graph';
import { assertNonNegativeInteger, assertSafeInteger } from '../../shared/assert';
import type { BatchFeature, PaddedBatch } from './batch-types';
import { DEFAULT_BATCH_NODE_TYPES, PER_PROTEIN_NODE_TYPES } from './batch-types';
import type { CropWindow } from './crop-window';
import { assertMaxLength, cropWindow } from './crop-window';
import { scatterContacts } from './dense-contacts';

export interface PadBatchOptions {
  /** Longest chain kept, in residues; longer ones get a seeded window (crop-window.ts). `Infinity`: never crop. */
  readonly maxLength: number;
  /** The run's seed and the current epoch: with the protein id they fix every crop window. */
  readonly seed: number;
  readonly epoch: number;
  /** Node types to include (default {@link DEFAULT_BATCH_NODE_TYPES}); each must be present in every graph. */
  readonly nodeTypes?: readonly NodeTypeName[];
}

function nodeMatrix(graph: ProteinGraph, type: NodeTypeName, rows: number): NodeMatrix {
  const m = graph.nodes[type];
  if (m === undefined) throw new Error(`padBatch: protein ${graph.id} has no node type '${type}'`);
  if (m.rows !== rows || m.data.length !== m.rows * m.cols) {
    throw new Error(
      `padBatch: protein ${graph.id} node '${type}' is ${m.rows}×${m.cols} with ${m.data.length} values, expected ${rows} row(s)`,
    );
  }
  return m;
}

function columnsOf(graphs: readonly ProteinGraph[], type: NodeTypeName, rowsOf: (g: ProteinGraph) => number): number {
  let cols = -1;
  let first = '';
  for (const g of graphs) {
    const m = nodeMatrix(g, type, rowsOf(g));
    if (cols < 0) [cols, first] = [m.cols, g.id];
    else if (m.cols !== cols) {
      throw new Error(`padBatch: node '${type}' has ${m.cols} columns in ${g.id} but ${cols} in ${first}`);
    }
  }
  return cols;
}

function padResidueFeature(
  graphs: readonly ProteinGraph[],
  windows: readonly CropWindow[],
  type: NodeTypeName,
  L: number,
): BatchFeature {
  const cols = columnsOf(graphs, type, (g) => g.length);
  const data = new Float32Array(graphs.length * L * cols);
  graphs.forEach((g, b) => {
    const w = windows[b] ?? { start: 0, end: 0 };
    data.set(nodeMatrix(g, type, g.length).data.subarray(w.start * cols, w.end * cols), b * L * cols);
  });
  return { data, cols };
}

function stackProteinFeature(graphs: readonly ProteinGraph[], type: NodeTypeName): BatchFeature {
  const cols = columnsOf(graphs, type, () => 1);
  const data = new Float32Array(graphs.length * cols);
  graphs.forEach((g, b) => data.set(nodeMatrix(g, type, 1).data, b * cols));
  return { data, cols };
}

function checkNodeTypes(types: readonly NodeTypeName[]): void {
  const seen = new Set<NodeTypeName>();
  for (const t of types) {
    if (seen.has(t)) throw new Error(`padBatch: node type '${t}' requested twice`);
    seen.add(t);
  }
}

/**
 * Crops each graph to its window (cropWindow with `seed`, `epoch`, id), pads every per-residue array
 * to the longest cropped protein L, and builds the dense contact mask and distances. See
 * {@link PaddedBatch} for shapes. Throws, naming the protein and key, on an empty batch, an empty
 * chain, a missing node type or contact group, mismatched row/column counts, or out-of-range edges.
 */
export function padBatch(graphs: readonly ProteinGraph[], options: PadBatchOptions): PaddedBatch {
  const { maxLength, seed, epoch } = options;
  const nodeTypes = options.nodeTypes ?? DEFAULT_BATCH_NODE_TYPES;
  if (graphs.length === 0) throw new Error('padBatch: the batch holds no proteins');
  assertMaxLength(maxLength, 'padBatch maxLength');
  assertSafeInteger(seed, 'padBatch seed');
  assertNonNegativeInteger(epoch, 'padBatch epoch');
  checkNodeTypes(nodeTypes);

  const B = graphs.length;
  const windows = graphs.map((g) => {
    if (!Number.isInteger(g.length) || g.length < 1)
      throw new Error(`padBatch: protein ${g.id} has no residues (length ${g.length})`);
    if (g.sequence.length !== g.length)
      throw new Error(`padBatch: protein ${g.id} sequence has ${g.sequence.length} letters for ${g.length} residues`);
    return cropWindow(g.length, maxLength, seed, epoch, g.id);
  });
  const lengths = Int32Array.from(windows, (w) => w.end - w.start);
  const L = Math.max(...lengths);

  const residueMask = new Float32Array(B * L);
  lengths.forEach((n, b) => residueMask.fill(1, b * L, b * L + n));

  const residueFeatures: Partial<Record<NodeTypeName, BatchFeature>> = {};
  const proteinFeatures: Partial<Record<NodeTypeName, BatchFeature>> = {};
  for (const type of nodeTypes) {
    if (PER_PROTEIN_NODE_TYPES.includes(type)) proteinFeatures[type] = stackProteinFeature(graphs, type);
    else residueFeatures[type] = padResidueFeature(graphs, windows, type, L);
  }

  const contactMask = new Uint8Array(B * L * L);
  const contactDistance = new Float32Array(B * L * L);
  const contactCounts = Int32Array.from(graphs, (g, b) =>
    scatterContacts(g, windows[b] ?? { start: 0, end: 0 }, b, L, contactMask, contactDistance),
  );

  return {
    batchSize: B,
    paddedLength: L,
    ids: graphs.map((g) => g.id),
    sequences: graphs.map((g, b) => g.sequence.slice(windows[b]?.start, windows[b]?.end)),
    lengths,
    fullLengths: Int32Array.from(graphs, (g) => g.length),
    cropStarts: Int32Array.from(windows, (w) => w.start),
    plddtIsConfidence: Uint8Array.from(graphs, (g) => (g.plddtSource === 'plddt' ? 1 : 0)),
    residueMask,
    residueFeatures,
    proteinFeatures,
    contactMask,
    contactDistance,
    contactCounts,
  };
}
