/**
 * Batched matMul with half-precision operands and float32 accumulation, as a tfjs WebGPU program.
 *
 * C[b] = A[b]·B[b] (either operand optionally transposed, a batch of 1 broadcast): each workgroup stages a
 * 16×16 tile of A and of B in workgroup memory AS HALVES, then every thread multiplies its row by its column and
 * accumulates in f32. A product of two halves is exact in f32 (11 × 11 significant bits), so the only rounding
 * beyond float32's is the rounding of each operand to half — the numerics of tensor-core style f16×f16→f32.
 * Operands beyond the half range (|x| ≥ 65520) become ±Infinity, so an overflow reaches the loss scaler's check
 * exactly as it would in PyTorch autocast.
 *
 * Two storage variants share every line but the tile type:
 * - 'native': `enable f16;` and `array<f16>` tiles — needs a device created with the `shader-f16` feature.
 * - 'packed': the same values rounded with the core builtins pack2x16float/unpack2x16float and kept as f32; it
 *   runs on every WebGPU adapter and is how the kernel's indexing and numerics are checked on adapters without
 *   `shader-f16` (it saves no bandwidth: it is a check, never offered as a speed-up).
 */

export const F16_STORAGE_VARIANTS = ['native', 'packed'] as const;
export type F16StorageVariant = (typeof F16_STORAGE_VARIANTS)[number];

/** Written into shaders that need `enable f16;`, which WGSL wants before any declaration (see f16-device.ts). */
export const ENABLE_F16_MARKER = '// requires: enable f16';

const TILE = 16;

/** The tile element type and the conversions into and out of it, per variant. */
function tileFunctions(variant: F16StorageVariant): string {
  // Sign-preserving infinity for operands a half cannot hold (65504 + half a spacing and above).
  const overflow = `abs(v) >= 65520.0`;
  if (variant === 'native') {
    return `
  ${ENABLE_F16_MARKER}
  alias Tile = f16;
  fn toTile(v : f32) -> f16 {
    if (${overflow}) {
      return bitcast<vec2<f16>>(select(0x7c00u, 0xfc00u, v < 0.0)).x;
    }
    return f16(v);
  }
  fn fromTile(v : f16) -> f32 { return f32(v); }`;
  }
  return `
  alias Tile = f32;
  fn toTile(v : f32) -> f32 {
    if (${overflow}) {
      return bitcast<f32>(select(0x7f800000u, 0xff800000u, v < 0.0));
    }
    return unpack2x16float(pack2x16float(vec2<f32>(v, 0.0))).x;
  }
  fn fromTile(v : f32) -> f32 { return v; }`;
}

/** The WGSL body (tfjs adds bindings A, B, result and the uniforms struct around it). */
export function f16MatMulSource(variant: F16StorageVariant, transposeA: boolean, transposeB: boolean): string {
  // A is [batchA, M, K] ([batchA, K, M] transposed); B is [batchB, K, N] ([batchB, N, K] transposed).
  const indexA = transposeA ? 'batchA * M * K + k * M + row' : 'batchA * M * K + row * K + k';
  const indexB = transposeB ? 'batchB * K * N + col * K + k' : 'batchB * K * N + k * N + col';
  return `
  ${tileFunctions(variant)}
  var<workgroup> tileA : array<array<Tile, ${TILE}>, ${TILE}>;
  var<workgroup> tileB : array<array<Tile, ${TILE}>, ${TILE}>;

  fn readA(batchA : i32, row : i32, k : i32) -> f32 {
    let M = uniforms.dimAOuter;
    let K = uniforms.dimInner;
    if (row < M && k < K) { return A[${indexA}]; }
    return 0.0;
  }
  fn readB(batchB : i32, k : i32, col : i32) -> f32 {
    let N = uniforms.dimBOuter;
    let K = uniforms.dimInner;
    if (k < K && col < N) { return B[${indexB}]; }
    return 0.0;
  }

  fn main() {
    let localRow = i32(localId.y);
    let localCol = i32(localId.x);
    let row = i32(globalId.y);
    let col = i32(globalId.x);
    let batch = i32(globalId.z);
    let batchA = batch % uniforms.aShape[0];
    let batchB = batch % uniforms.bShape[0];
    let tiles = (uniforms.dimInner + ${TILE - 1}) / ${TILE};
    var acc = 0.0;
    for (var t = 0; t < tiles; t = t + 1) {
      tileA[localRow][localCol] = toTile(readA(batchA, row, t * ${TILE} + localCol));
      tileB[localRow][localCol] = toTile(readB(batchB, t * ${TILE} + localRow, col));
      workgroupBarrier();
      for (var k = 0; k < ${TILE}; k = k + 1) {
        acc = acc + fromTile(tileA[localRow][k]) * fromTile(tileB[k][localCol]);
      }
      workgroupBarrier();
    }
    if (row < uniforms.dimAOuter && col < uniforms.dimBOuter) {
      result[(batch * uniforms.dimAOuter + row) * uniforms.dimBOuter + col] = acc;
    }
  }`;
}

/** The tfjs `WebGPUProgram` fields (structural: the interface is not exported by the backend package). */
export class F16MatMulProgram {
  readonly variableNames = ['A', 'B'];
  readonly uniforms = 'dimAOuter : i32, dimBOuter : i32, dimInner : i32,';
  readonly workgroupSize: [number, number, number] = [TILE, TILE, 1];
  readonly dispatchLayout = { x: [2], y: [1], z: [0] };
  readonly dispatch: [number, number, number];
  readonly shaderKey: string;

  /** `outputShape` is [batch, M, N]. */
  constructor(
    readonly outputShape: [number, number, number],
    private readonly variant: F16StorageVariant,
    private readonly transposeA: boolean,
    private readonly transposeB: boolean,
  ) {
    const [batch, m, n] = outputShape;
    this.dispatch = [Math.ceil(n / TILE), Math.ceil(m / TILE), batch];
    this.shaderKey = `f16MatMul_${variant}_${transposeA}_${transposeB}`;
  }

  getUserCode(): string {
    return f16MatMulSource(this.variant, this.transposeA, this.transposeB);
  }
}
