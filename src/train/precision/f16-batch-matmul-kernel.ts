/**
 * The `BatchMatMul` kernel of the f16 backends: shapes as tfjs's own kernel reads them (rank ≥ 2, outer dims
 * flattened into one batch, a batch of 1 broadcast), computed by `F16MatMulProgram`. Gradients need nothing of
 * their own: tfjs's BatchMatMul gradient is two more matMuls, which dispatch back here, so backward runs in
 * f16×f16→f32 too.
 */
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { F16MatMulProgram, type F16StorageVariant } from './f16-matmul-program';

interface MatMulShapes {
  readonly batchA: number;
  readonly batchB: number;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  /** The output's shape as tfjs would give it (broadcast outer dims, then M, N). */
  readonly outShape: number[];
}

const product = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

/** NumPy broadcasting of the outer (batch) dims, aligned on the right. */
function broadcastOuter(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  return Array.from({ length: rank }, (_, k) => {
    const da = a[a.length - rank + k] ?? 1;
    const db = b[b.length - rank + k] ?? 1;
    if (da !== db && da !== 1 && db !== 1)
      throw new Error(`matMul: batch dimensions [${a}] and [${b}] do not broadcast`);
    return Math.max(da, db);
  });
}

/** Shapes of A·B with tfjs's conventions; throws tfjs's kind of message on mismatch. */
export function matMulShapes(
  aShape: readonly number[],
  bShape: readonly number[],
  transposeA: boolean,
  transposeB: boolean,
): MatMulShapes {
  const ra = aShape.length;
  const rb = bShape.length;
  if (ra < 2 || rb < 2) throw new Error(`matMul needs rank ≥ 2 operands, got shapes [${aShape}] and [${bShape}]`);
  const at = (shape: readonly number[], k: number) => shape[k] ?? 0;
  const m = transposeA ? at(aShape, ra - 1) : at(aShape, ra - 2);
  const kA = transposeA ? at(aShape, ra - 2) : at(aShape, ra - 1);
  const kB = transposeB ? at(bShape, rb - 1) : at(bShape, rb - 2);
  const n = transposeB ? at(bShape, rb - 2) : at(bShape, rb - 1);
  if (kA !== kB)
    throw new Error(
      `matMul: inner dimensions ${kA} and ${kB} of shapes [${aShape}] and [${bShape}] (transposeA=${transposeA}, transposeB=${transposeB}) differ`,
    );
  const outerA = aShape.slice(0, -2);
  const outerB = bShape.slice(0, -2);
  const batchA = product(outerA);
  const batchB = product(outerB);
  if (batchA !== batchB && batchA !== 1 && batchB !== 1)
    throw new Error(`matMul: batch dimensions [${outerA}] and [${outerB}] do not broadcast`);
  return { batchA, batchB, m, n, k: kA, outShape: [...broadcastOuter(outerA, outerB), m, n] };
}

/** A kernel config for `backendName` whose BatchMatMul runs the given storage variant. */
export function f16BatchMatMulKernel(backendName: string, variant: F16StorageVariant): KernelConfig {
  const kernelFunc = ({
    inputs,
    backend,
    attrs,
  }: {
    inputs: Record<string, TensorInfo>;
    backend: unknown;
    attrs?: NamedAttrMap;
  }): TensorInfo => {
    const a = inputs['a'];
    const b = inputs['b'];
    if (!a || !b) throw new Error('BatchMatMul needs inputs a and b');
    const transposeA = attrs?.['transposeA'] === true;
    const transposeB = attrs?.['transposeB'] === true;
    const shapes = matMulShapes(a.shape, b.shape, transposeA, transposeB);
    const { batchA, batchB, m, n, k } = shapes;
    const webgpu = backend as WebGPUBackend;
    // Views of the same buffers as rank-3 tensors: the program indexes them flat.
    const a3d: TensorInfo = { dataId: a.dataId, dtype: a.dtype, shape: transposeA ? [batchA, k, m] : [batchA, m, k] };
    const b3d: TensorInfo = { dataId: b.dataId, dtype: b.dtype, shape: transposeB ? [batchB, n, k] : [batchB, k, n] };
    const program = new F16MatMulProgram([Math.max(batchA, batchB), m, n], variant, transposeA, transposeB);
    const dims = [m, n, k].map((value) => ({ type: 'int32', data: [value] }));
    const out = webgpu.runWebGPUProgram(program, [a3d, b3d], 'float32', dims);
    return { dataId: out.dataId, dtype: out.dtype, shape: shapes.outShape };
  };
  return { kernelName: 'BatchMatMul', backendName, kernelFunc: kernelFunc as unknown as KernelFunc };
}
