/**
 * Reading one edge group into an EdgeList: int64 → int32 indices with a range check, FoldTree2's quirks
 * (2× contact distances, a backbone edge_attr shorter than its edge_index, 12-D mk2 attributes) made uniform,
 * and the optional crop to a residue window.
 */
import { EDGE_TYPES, type EdgeList } from '../../protocol/protein-graph';
import { assertFinite, readEdgeIndex, readFloat32 } from './dataset-read';
import type { EdgeEntry, ProteinLayout } from './protein-layout';
import type { StructsErrorContext } from './structs-error';

export interface EdgeReadSettings {
  /** Residue rows `[start, end)` kept; `[0, N)` keeps everything. */
  readonly window: readonly [number, number];
  /** Whether a node type's rows are cropped to the window (per-residue types). */
  readonly isCropped: (nodeType: string) => boolean;
  /** True for files whose contact `edge_attr` holds 2× the distance (FoldTree2's `to_undirected` add-reduce). */
  readonly halveContacts: boolean;
}

/**
 * One value per edge, or null to drop the attribute. A (E, k) attribute keeps column 0 (mk2's scalar
 * distance/weight). A length that differs from E (mk1 backbone: self-loops added to edge_index only) is dropped:
 * no model reads backbone attributes, and guessing the missing values would invent data.
 */
function readAttr(entry: EdgeEntry, context: StructsErrorContext): Float32Array | null {
  if (!entry.attr || entry.attrDims[0] !== entry.count || entry.attrDims.length > 2) return null;
  const attrContext = { ...context, dataset: `edge/${entry.name}/edge_attr` };
  const raw = readFloat32(entry.attr, attrContext);
  const width = entry.attrDims.length === 2 ? (entry.attrDims[1] ?? 1) : 1;
  const values = width === 1 ? raw : Float32Array.from({ length: entry.count }, (_, e) => raw[e * width] ?? 0);
  assertFinite(values, 1, attrContext);
  return values;
}

function crop(
  index: Int32Array,
  count: number,
  attr: Float32Array | null,
  [start, end]: readonly [number, number],
  cropSrc: boolean,
  cropDst: boolean,
): EdgeList {
  const kept: number[] = [];
  for (let e = 0; e < count; e++) {
    const s = index[e] ?? -1;
    const t = index[count + e] ?? -1;
    if (cropSrc && (s < start || s >= end)) continue;
    if (cropDst && (t < start || t >= end)) continue;
    kept.push(e);
  }
  const out = new Int32Array(2 * kept.length);
  kept.forEach((e, k) => {
    out[k] = (index[e] ?? 0) - (cropSrc ? start : 0);
    out[kept.length + k] = (index[count + e] ?? 0) - (cropDst ? start : 0);
  });
  if (!attr) return { index: out, count: kept.length };
  return { index: out, count: kept.length, attr: Float32Array.from(kept, (e) => attr[e] ?? 0) };
}

/** Reads and validates `edge/<name>`; the result's indices refer to the cropped node rows. */
export function readEdgeList(
  entry: EdgeEntry,
  layout: ProteinLayout,
  settings: EdgeReadSettings,
  context: StructsErrorContext,
): EdgeList {
  const srcRows = layout.nodes.get(entry.src)?.rows ?? 0;
  const dstRows = layout.nodes.get(entry.dst)?.rows ?? 0;
  const indexContext = { ...context, dataset: `edge/${entry.name}/edge_index` };
  const index = readEdgeIndex(entry.index, entry.count, srcRows, dstRows, indexContext);
  const attr = readAttr(entry, context);
  if (attr && settings.halveContacts && entry.name === EDGE_TYPES.contacts) {
    for (let e = 0; e < attr.length; e++) attr[e] = (attr[e] ?? 0) / 2;
  }
  const cropSrc = settings.isCropped(entry.src);
  const cropDst = settings.isCropped(entry.dst);
  const [start, end] = settings.window;
  const whole = start === 0 && end === layout.length;
  if (whole || (!cropSrc && !cropDst))
    return attr ? { index, count: entry.count, attr } : { index, count: entry.count };
  return crop(index, entry.count, attr, settings.window, cropSrc, cropDst);
}
