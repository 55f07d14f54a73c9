/**
 * How one tensor changes between the studio's layout (tfjs) and FoldTree2's (PyTorch), both float32 row-major:
 *
 *   identity    same shape and order (biases, LayerNorm / GraphNorm vectors, the codebook [K, D])
 *   transpose   studio linear weight [in, out]  ↔  PyTorch `weight` [out, in]:     torch[o, i] = studio[i, o]
 *   conv        studio conv1d filter [k, in, out] ↔ PyTorch Conv1d `weight` [out, in, k]: torch[o, c, t] = studio[t, c, o]
 *   scalar      studio [1]  ↔  PyTorch 0-d `nn.Parameter(torch.tensor(x))` []
 *   edge-scale  studio attention edge weight [1, H·C] ↔ PyG `lin_edge.weight` [H·C, 1], divided by EDGE_ATTR_RATIO:
 *               the same function of a different input scale (see below)
 *
 * These are pure array permutations (and one scale), no tfjs: the mapping runs anywhere.
 */
import type { NamedTensor } from '../../formats/safetensors';

export const LAYOUTS = ['identity', 'transpose', 'conv', 'scalar', 'edge-scale'] as const;
export type Layout = (typeof LAYOUTS)[number];

/**
 * FoldTree2's contact `edge_attr` over ours. FoldTree2's mk1 graphs store the CA–CA distance passed through PyG
 * `to_undirected` with add-reduce over an already symmetric list, i.e. 2·d Å; the studio feeds d / 10 Å
 * (`EDGE_DISTANCE_SCALE_ANGSTROM` in model-inputs.ts). TransformerConv adds e·W_edge to keys and values, so the same
 * layer needs W_foldtree2 = W_studio / 20. A test ties this constant to EDGE_DISTANCE_SCALE_ANGSTROM.
 */
export const EDGE_ATTR_RATIO = 20;

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
export const shapeText = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/** Whether a shape on `side` has the form `layout` converts; rank and fixed dimensions only. */
function shapeFits(layout: Layout, shape: readonly number[], side: 'foldtree2' | 'studio'): boolean {
  switch (layout) {
    case 'identity':
      return true;
    case 'transpose':
      return shape.length === 2;
    case 'conv':
      return shape.length === 3;
    case 'scalar':
      return side === 'studio' ? shape.length === 1 && shape[0] === 1 : shape.length === 0;
    case 'edge-scale':
      return shape.length === 2 && shape[side === 'studio' ? 0 : 1] === 1;
  }
}

/** Whether a studio-side shape has the form `layout` converts. */
export function studioShapeFits(layout: Layout, shape: readonly number[]): boolean {
  return shapeFits(layout, shape, 'studio');
}

/** Whether a FoldTree2-side shape has the form `layout` converts back. */
export function foldtree2ShapeFits(layout: Layout, shape: readonly number[]): boolean {
  return shapeFits(layout, shape, 'foldtree2');
}

/**
 * A shape, or an index into a tensor, with its axes in the other layout's order: the same permutation both ways.
 * Scalars have no axes to move; their shapes differ by side (see `shapeInto`).
 */
export function otherLayoutAxes(layout: Exclude<Layout, 'scalar'>, axes: readonly number[]): number[] {
  const [a = 0, b = 0, c = 0] = axes;
  switch (layout) {
    case 'identity':
      return [...axes];
    case 'transpose':
    case 'edge-scale':
      return [b, a];
    case 'conv':
      return [c, b, a];
  }
}

/** The shape a tensor of `shape` (which must fit `layout`) has in the other layout. */
function shapeInto(layout: Layout, shape: readonly number[], into: 'foldtree2' | 'studio'): number[] {
  if (layout === 'scalar') return into === 'foldtree2' ? [] : [1];
  return otherLayoutAxes(layout, shape);
}

/** The FoldTree2 shape of a studio tensor of `shape` (which must fit `layout`). */
export function foldtree2ShapeOf(layout: Layout, shape: readonly number[]): number[] {
  return shapeInto(layout, shape, 'foldtree2');
}

/** The studio shape of a FoldTree2 tensor of `shape` (which must fit `layout`). */
export function studioShapeOf(layout: Layout, shape: readonly number[]): number[] {
  return shapeInto(layout, shape, 'studio');
}

/** x [rows, cols] → [cols, rows]. */
function transposed(data: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c] ?? 0;
  return out;
}

/** x [p, q, s] → y [s, q, p] with y[k, j, i] = x[i, j, k] (its own inverse, with p and s swapped). */
function reversedAxes(data: Float32Array, p: number, q: number, s: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < q; j++) for (let k = 0; k < s; k++) out[(k * q + j) * p + i] = data[(i * q + j) * s + k] ?? 0;
  return out;
}

function checkedData(tensor: NamedTensor, what: string): Float32Array {
  if (tensor.data.length !== size(tensor.shape))
    throw new Error(
      `${what}: shape ${shapeText(tensor.shape)} holds ${size(tensor.shape)} values, the data ${tensor.data.length}`,
    );
  return tensor.data;
}

/** One tensor into the other layout (a new array; the input is not touched). `what` names it in errors. */
function rearranged(layout: Layout, tensor: NamedTensor, what: string, into: 'foldtree2' | 'studio'): NamedTensor {
  const data = checkedData(tensor, what);
  const shape = into === 'foldtree2' ? foldtree2ShapeOf(layout, tensor.shape) : studioShapeOf(layout, tensor.shape);
  const [a = 0, b = 0, c = 0] = tensor.shape;
  switch (layout) {
    case 'identity':
    case 'scalar':
      return { shape, data: data.slice() };
    case 'transpose':
      return { shape, data: transposed(data, a, b) };
    case 'conv':
      return { shape, data: reversedAxes(data, a, b, c) };
    case 'edge-scale':
      // [1, n] and [n, 1] share one element order; only the scale changes (rounded once, from float64).
      return {
        shape,
        data: data.map((x) => Math.fround(into === 'foldtree2' ? x / EDGE_ATTR_RATIO : x * EDGE_ATTR_RATIO)),
      };
  }
}

/** Studio tensor → FoldTree2 layout (a new array; the input is not touched). `what` names it in errors. */
export function toFoldtree2Layout(layout: Layout, tensor: NamedTensor, what: string): NamedTensor {
  return rearranged(layout, tensor, what, 'foldtree2');
}

/** FoldTree2 tensor → studio layout (a new array). */
export function fromFoldtree2Layout(layout: Layout, tensor: NamedTensor, what: string): NamedTensor {
  return rearranged(layout, tensor, what, 'studio');
}
