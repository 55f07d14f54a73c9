/**
 * Checks an f16 matMul backend against an independent reference: the operands rounded to half in JavaScript
 * (`roundToFloat16`, itself checked against NumPy), products and sums in float64. Shapes cover tile edges
 * (sizes not multiples of 16), both transposes, a broadcast batch, and an overflowing operand.
 */
import * as tf from '@tensorflow/tfjs';
import type { F16MatMulCase, F16MatMulReport } from '../../protocol/model-bench-messages';
import { createRng } from '../../shared/seeded-rng';
import { roundToFloat16 } from './f16-emulation';

interface Operands {
  readonly aShape: number[];
  readonly bShape: number[];
  readonly transposeA: boolean;
  readonly transposeB: boolean;
}

const CASES: readonly (Operands & { label: string })[] = [
  { label: '2-D 37×45·45×29', aShape: [37, 45], bShape: [45, 29], transposeA: false, transposeB: false },
  {
    label: 'batch 3, A·Bᵀ 3×20×33·3×17×33',
    aShape: [3, 20, 33],
    bShape: [3, 17, 33],
    transposeA: false,
    transposeB: true,
  },
  {
    label: 'batch 2, Aᵀ·B 2×18×5·2×18×40',
    aShape: [2, 18, 5],
    bShape: [2, 18, 40],
    transposeA: true,
    transposeB: false,
  },
  {
    label: 'rank 4, Aᵀ·Bᵀ 2×2×16×9·2×2×31×16',
    aShape: [2, 2, 16, 9],
    bShape: [2, 2, 31, 16],
    transposeA: true,
    transposeB: true,
  },
  { label: 'broadcast B, 4×7×64·1×64×3', aShape: [4, 7, 64], bShape: [1, 64, 3], transposeA: false, transposeB: false },
];

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Values spread over several binades (what a half rounds most visibly), seeded. */
function operand(shape: readonly number[], seed: number): Float32Array {
  const rng = createRng(31_337, seed);
  return Float32Array.from({ length: sizeOf(shape) }, () => (rng.nextFloat() - 0.5) * 2 ** (6 * rng.nextFloat() - 2));
}

/** Element (batch, i, j) of op(X) for X stored flat with shape [..., r, c]. */
function element(
  x: Float32Array,
  shape: readonly number[],
  transpose: boolean,
  batch: number,
  i: number,
  j: number,
): number {
  const r = shape[shape.length - 2] ?? 0;
  const c = shape[shape.length - 1] ?? 0;
  const batches = sizeOf(shape.slice(0, -2));
  const base = (batch % batches) * r * c;
  return x[transpose ? base + j * c + i : base + i * c + j] ?? NaN;
}

/** The reference product with each operand passed through `round`; also returns Σ|a·b| per output. */
function reference(
  a: Float32Array,
  b: Float32Array,
  o: Operands,
  round: (v: number) => number,
): { values: number[]; magnitude: number[] } {
  const ra = o.aShape.length;
  const m = o.transposeA ? (o.aShape[ra - 1] ?? 0) : (o.aShape[ra - 2] ?? 0);
  const k = o.transposeA ? (o.aShape[ra - 2] ?? 0) : (o.aShape[ra - 1] ?? 0);
  const rb = o.bShape.length;
  const n = o.transposeB ? (o.bShape[rb - 2] ?? 0) : (o.bShape[rb - 1] ?? 0);
  const batches = Math.max(sizeOf(o.aShape.slice(0, -2)), sizeOf(o.bShape.slice(0, -2)));
  const values: number[] = [];
  const magnitude: number[] = [];
  for (let batch = 0; batch < batches; batch++) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        let size = 0;
        for (let p = 0; p < k; p++) {
          const product =
            round(element(a, o.aShape, o.transposeA, batch, i, p)) *
            round(element(b, o.bShape, o.transposeB, batch, p, j));
          sum += product;
          size += Math.abs(product);
        }
        values.push(sum);
        magnitude.push(size);
      }
    }
  }
  return { values, magnitude };
}

function worstRelative(actual: Float32Array, expected: { values: number[]; magnitude: number[] }): number {
  let worst = 0;
  actual.forEach((v, idx) => {
    const d = Math.abs(v - (expected.values[idx] ?? NaN)) / Math.max(expected.magnitude[idx] ?? 0, 1e-30);
    worst = Number.isNaN(d) ? Infinity : Math.max(worst, d);
  });
  return worst;
}

async function product(a: Float32Array, b: Float32Array, o: Operands): Promise<Float32Array> {
  const out = tf.tidy(() => tf.matMul(tf.tensor(a, o.aShape), tf.tensor(b, o.bShape), o.transposeA, o.transposeB));
  try {
    return (await out.data()) as Float32Array;
  } finally {
    out.dispose();
  }
}

/** Runs every case on `backend` (made current for the duration, then restored). */
export async function checkF16MatMul(backend: string): Promise<F16MatMulReport> {
  const previous = tf.getBackend();
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend '${backend}' is not available here`);
  try {
    const cases: F16MatMulCase[] = [];
    for (const [index, c] of CASES.entries()) {
      const a = operand(c.aShape, 2 * index);
      const b = operand(c.bShape, 2 * index + 1);
      const actual = await product(a, b, c);
      const exactF32 = reference(a, b, c, (v) => v);
      cases.push({
        label: c.label,
        vsHalfReference: worstRelative(actual, reference(a, b, c, roundToFloat16)),
        vsFloat32: worstRelative(actual, exactF32),
      });
    }
    const overflow = await product(Float32Array.from([70_000, 1]), Float32Array.from([1, 1]), {
      aShape: [1, 2],
      bShape: [2, 1],
      transposeA: false,
      transposeB: false,
    });
    return { backend, cases, overflowGivesInfinity: overflow[0] === Infinity };
  } finally {
    if (previous) await tf.setBackend(previous);
  }
}
