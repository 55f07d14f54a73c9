/**
 * EMULATION of IEEE half-precision STORAGE, for testing loss scaling on machines without `shader-f16` (and on
 * the CPU). It rounds float32 values to the nearest float16 value (ties to even) and returns them as float32:
 * |x| ≥ 65520 → ±Infinity (65504 is the largest half), |x| < 2^-14 rounds to a multiple of 2^-24 (subnormals;
 * |x| ≤ 2^-25 → ±0), NaN stays NaN, signs of zeros are kept. It does NOT emulate half ARITHMETIC (products and
 * sums are still float32) and it reads the tensor back to the CPU, so it is for tests and demonstrations only,
 * never for a training run's forward pass.
 */
import * as tf from '@tensorflow/tfjs';

/** Largest finite float16. */
export const FLOAT16_MAX = 65504;
/** Smallest positive normal float16 (2^-14). */
export const FLOAT16_MIN_NORMAL = 2 ** -14;
/** Smallest positive subnormal float16 (2^-24), the spacing of the subnormal range. */
export const FLOAT16_MIN_SUBNORMAL = 2 ** -24;
/** Values at or above this magnitude round to Infinity: 65504 + half its spacing of 32, a tie that goes to even 2^16. */
const OVERFLOW_THRESHOLD = 65520;

/** Round-half-to-even of a non-negative double. */
function roundHalfEven(y: number): number {
  const floor = Math.floor(y);
  const fraction = y - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** One float32 value (as a JS number) rounded to float16 precision; exact (all steps are exact in doubles). */
export function roundToFloat16(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const magnitude = Math.abs(x);
  const negative = x < 0 || Object.is(x, -0);
  let rounded: number;
  if (magnitude >= OVERFLOW_THRESHOLD) {
    rounded = Infinity;
  } else {
    // Spacing of float16 values around |x|: 2^(e − 10) for normals, 2^-24 throughout the subnormal range.
    const normalised = Math.max(magnitude, FLOAT16_MIN_NORMAL);
    let exponent = Math.floor(Math.log2(normalised));
    // Math.log2 may round across an integer next to a power of two; fix the exponent with exact comparisons.
    if (2 ** exponent > normalised) exponent -= 1;
    if (2 ** (exponent + 1) <= normalised) exponent += 1;
    const spacing = 2 ** (exponent - 10);
    rounded = roundHalfEven(magnitude / spacing) * spacing;
  }
  return negative ? -rounded : rounded;
}

/** Every value of `values` rounded to float16 precision (a new array). */
export function roundToFloat16Array(values: Float32Array): Float32Array {
  return values.map(roundToFloat16);
}

/**
 * EMULATION: `x` (float32) as it would read back after being stored in float16; same shape, float32, owned by the
 * caller. Reads `x` back to the CPU (asynchronously), so it is a test tool, not a kernel.
 */
export async function emulateFloat16Storage(x: tf.Tensor): Promise<tf.Tensor> {
  if (x.dtype !== 'float32') throw new Error(`f16 emulation expects float32, got ${x.dtype}`);
  const values = (await x.data()) as Float32Array;
  return tf.tensor(roundToFloat16Array(values), x.shape, 'float32');
}
