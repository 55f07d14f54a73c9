/**
 * Studio weights ↔ FoldTree2's PyTorch `state_dict` (the keys of learn_lightning.py's `FoldTree2Model`: `encoder.…`
 * and `decoder.decoders.<task>.…`), as float32 tensors for a safetensors file. The rules are in encoder-rules.ts
 * and decoder-rules.ts; docs/foldtree2-weights.md has the generated table.
 *
 * A studio parameter with no FoldTree2 counterpart of the same meaning and shape is written as `studio.<name>`, never
 * under a FoldTree2 key: `load_state_dict(strict=False)` ignores unknown keys but raises on a shape mismatch.
 */
import type { NamedTensor } from '../../formats/safetensors';
import { foldtree2EmaTensors, type EmaBuffers } from './ema-buffers';
import {
  foldtree2ShapeFits,
  foldtree2ShapeOf,
  fromFoldtree2Layout,
  shapeText,
  studioShapeFits,
  toFoldtree2Layout,
  type Layout,
} from './layouts';
import type { WeightRule } from './rule-builders';
import { matchFoldtree2Key, matchStudioName } from './rule-table';

/** `__metadata__.format` of a safetensors file written with FoldTree2's names. */
export const FOLDTREE2_WEIGHTS_FORMAT = 'foldtree2';
/** Prefix of the studio's own tensors inside such a file (no FoldTree2 counterpart, or an exact copy). */
export const STUDIO_KEY_PREFIX = 'studio.';

/** One parameter's row of the mapping table. */
export interface MappingRow {
  readonly studio: string;
  /** tfjs layout, e.g. a linear weight [in, out]. */
  readonly studioShape: readonly number[];
  /** The FoldTree2 `state_dict` key, or null: the tensor is written as `studio.<studio name>` in the studio's layout. */
  readonly foldtree2: string | null;
  /** PyTorch layout under `foldtree2`; null with it. */
  readonly foldtree2Shape: readonly number[] | null;
  readonly layout: Layout;
  readonly note: string;
}

const studioKey = (name: string): string => `${STUDIO_KEY_PREFIX}${name}`;

function copy(tensor: NamedTensor): NamedTensor {
  return { shape: [...tensor.shape], data: tensor.data.slice() };
}

function expectedForm(rule: WeightRule): string {
  const base = {
    identity: `rank ${rule.rank ?? 1}`,
    transpose: '[out, in]',
    conv: '[out, in, k]',
    scalar: '0-d',
    'edge-scale': '[n, 1]',
  }[rule.layout];
  return rule.shape ? `${base}, ${rule.shape.describe}` : base;
}

function foldtree2Fits(rule: WeightRule, shape: readonly number[]): boolean {
  if (!foldtree2ShapeFits(rule.layout, shape)) return false;
  if (rule.layout === 'identity' && shape.length !== (rule.rank ?? 1)) return false;
  return rule.shape?.holds(shape) ?? true;
}

function mappedRule(name: string): { rule: WeightRule; foldtree2: string | null } {
  const match = matchStudioName(name);
  if (!match)
    throw new Error(`studio parameter ${name} has no FoldTree2 weight rule; add one to src/train/foldtree2-weights`);
  return match;
}

function checkStudioShape(rule: WeightRule, name: string, shape: readonly number[]): void {
  if (studioShapeFits(rule.layout, shape) && foldtree2Fits(rule, foldtree2ShapeOf(rule.layout, shape))) return;
  throw new Error(
    `studio parameter ${name} has shape ${shapeText(shape)}, which does not fit its FoldTree2 rule (${rule.layout} to ${expectedForm(rule)})`,
  );
}

function put(out: Map<string, NamedTensor>, key: string, tensor: NamedTensor): void {
  if (out.has(key)) throw new Error(`two tensors map to ${key}`);
  out.set(key, tensor);
}

/**
 * Studio weights (studio names, tfjs layout) → FoldTree2 names and PyTorch layout; unmappable under `studio.`.
 * With `ema`, the EMA codebook statistics are written as VectorQuantizerEMA's `ema_w`, `ema_cluster_size` and
 * `running_prior` (ema-buffers.ts).
 */
export function toFoldtree2Weights(
  weights: ReadonlyMap<string, NamedTensor>,
  ema?: EmaBuffers,
): Map<string, NamedTensor> {
  const out = new Map<string, NamedTensor>();
  if (ema) for (const [key, tensor] of foldtree2EmaTensors(ema)) put(out, key, tensor);
  for (const [name, tensor] of weights) {
    const { rule, foldtree2 } = mappedRule(name);
    if (foldtree2 === null) {
      put(out, studioKey(name), copy(tensor));
      continue;
    }
    checkStudioShape(rule, name, tensor.shape);
    put(out, foldtree2, toFoldtree2Layout(rule.layout, tensor, `studio parameter ${name}`));
    // The ÷20 is not exactly invertible in float32; the exact value rides along so a re-import is bit-identical.
    if (rule.layout === 'edge-scale') put(out, studioKey(name), copy(tensor));
  }
  return out;
}

interface EdgeParts {
  scaled?: { readonly key: string; readonly tensor: NamedTensor };
  exact?: { readonly key: string; readonly tensor: NamedTensor };
}

const bits = (data: Float32Array): Uint32Array => new Uint32Array(Float32Array.from(data).buffer);

function sameBits(a: Float32Array, b: Float32Array): boolean {
  const [x, y] = [bits(a), bits(b)];
  return x.length === y.length && x.every((word, k) => word === y[k]);
}

/** The studio value of an edge weight: the exact copy if it still reproduces the FoldTree2 tensor, else ×20. */
function resolveEdge(parts: EdgeParts, ignored: string[], source: string): NamedTensor | undefined {
  const { scaled, exact } = parts;
  if (!scaled) return exact ? copy(exact.tensor) : undefined;
  const fromFoldtree2 = fromFoldtree2Layout('edge-scale', scaled.tensor, `${source}: ${scaled.key}`);
  if (!exact) return fromFoldtree2;
  const exported = toFoldtree2Layout('edge-scale', exact.tensor, `${source}: ${exact.key}`);
  if (sameBits(exported.data, scaled.tensor.data) && exact.tensor.shape.join() === fromFoldtree2.shape.join())
    return copy(exact.tensor);
  // FoldTree2 changed the weight since the export (further training): its value wins, the stale copy is reported.
  ignored.push(exact.key);
  return fromFoldtree2;
}

/** Inverse. `source` names the file in errors. FoldTree2 keys the studio has no parameter for are returned in
 *  `ignored` (e.g. HEAD's Position_MLP); a key whose shape does not fit its rule throws naming key and shapes. */
export function fromFoldtree2Weights(
  tensors: ReadonlyMap<string, NamedTensor>,
  source: string,
): { weights: Map<string, NamedTensor>; ignored: string[] } {
  const weights = new Map<string, NamedTensor>();
  const ignored: string[] = [];
  const edges = new Map<string, EdgeParts>();
  const edgeParts = (name: string): EdgeParts => {
    const parts = edges.get(name) ?? {};
    edges.set(name, parts);
    return parts;
  };
  for (const [key, tensor] of tensors) {
    if (key.startsWith(STUDIO_KEY_PREFIX)) {
      const name = key.slice(STUDIO_KEY_PREFIX.length);
      const match = matchStudioName(name);
      if (match?.foldtree2 === null) put(weights, name, copy(tensor));
      else if (match?.rule.layout === 'edge-scale') {
        if (!studioShapeFits('edge-scale', tensor.shape))
          throw new Error(`${source}: ${key} has shape ${shapeText(tensor.shape)}; the studio's ${name} is [1, n]`);
        edgeParts(name).exact = { key, tensor };
      } else ignored.push(key);
      continue;
    }
    const match = matchFoldtree2Key(key);
    if (!match) {
      ignored.push(key);
      continue;
    }
    if (!foldtree2Fits(match.rule, tensor.shape)) {
      throw new Error(
        `${source}: ${key} has shape ${shapeText(tensor.shape)}; as ${match.studio} it must be ${expectedForm(match.rule)}`,
      );
    }
    if (match.rule.layout === 'edge-scale') edgeParts(match.studio).scaled = { key, tensor };
    else put(weights, match.studio, fromFoldtree2Layout(match.rule.layout, tensor, `${source}: ${key}`));
  }
  for (const [name, parts] of edges) {
    const value = resolveEdge(parts, ignored, source);
    if (value) put(weights, name, value);
  }
  return { weights, ignored: ignored.sort() };
}

/** The table rows for the doc and tests: studio name, FoldTree2 name (or null → studio.*), shapes both sides, note. */
export function foldtree2MappingRows(specs: ReadonlyArray<{ name: string; shape: readonly number[] }>): MappingRow[] {
  return specs.map(({ name, shape }) => {
    const { rule, foldtree2 } = mappedRule(name);
    if (foldtree2 === null)
      return {
        studio: name,
        studioShape: [...shape],
        foldtree2: null,
        foldtree2Shape: null,
        layout: rule.layout,
        note: rule.note,
      };
    checkStudioShape(rule, name, shape);
    return {
      studio: name,
      studioShape: [...shape],
      foldtree2,
      foldtree2Shape: foldtree2ShapeOf(rule.layout, shape),
      layout: rule.layout,
      note: rule.note,
    };
  });
}

/** The keys a row's tensor is written under: its FoldTree2 key (plus the exact copy of an edge weight), or `studio.<name>`. */
export function exportedKeys(row: MappingRow): string[] {
  if (row.foldtree2 === null) return [studioKey(row.studio)];
  return row.layout === 'edge-scale' ? [row.foldtree2, studioKey(row.studio)] : [row.foldtree2];
}
