import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../shared/seeded-rng';
import { emulateFloat16Storage, FLOAT16_MAX, roundToFloat16, roundToFloat16Array } from './f16-emulation';
import { runPython } from '../../shared/python-reference.node';

/** NumPy's float32 → float16 → float32 of the given float32 bit patterns (independent reference). */
function numpyHalfRoundTrip(values: Float32Array): Float32Array {
  const script = [
    'import json, sys, numpy as np',
    'bits = np.array(json.load(sys.stdin), dtype=np.uint32)',
    'with np.errstate(over="ignore"):',
    '    out = bits.view(np.float32).astype(np.float16).astype(np.float32).view(np.uint32)',
    'json.dump(out.tolist(), sys.stdout)',
  ].join('\n');
  const stdout = runPython({ code: script }, { input: JSON.stringify([...new Uint32Array(values.buffer)]) });
  return new Float32Array(new Uint32Array(JSON.parse(stdout) as number[]).buffer);
}

const EDGES = [
  0,
  -0,
  1,
  -1,
  0.1,
  1 / 3,
  -2.5,
  1e6,
  -1e6,
  Infinity,
  -Infinity,
  NaN,
  FLOAT16_MAX,
  -FLOAT16_MAX,
  65505,
  65519,
  65519.99609375,
  65520,
  -65520,
  65536,
  3.4e38,
  2 ** -14,
  2 ** -14 * (1 - 2 ** -11),
  6.1e-5,
  2 ** -24,
  -(2 ** -24),
  2 ** -25,
  2 ** -25 * (1 + 2 ** -20),
  3 * 2 ** -25,
  5 * 2 ** -25,
  2 ** -26,
  1e-8,
  5.96e-8,
  1e-30,
  1.4e-45,
  1 + 2 ** -11,
  1 + 3 * 2 ** -11,
  1 + 2 ** -11 + 2 ** -20,
  2049,
  2051,
  4097,
  4099,
  2 ** 15 + 16,
  2 ** 15 + 48,
  1 - 2 ** -12,
  2 - 2 ** -11,
  1024.5,
  1025.5,
  -1024.5,
];

/** Seeded values over the whole half range and beyond, plus exact ties at every binade. */
function sweep(): Float32Array {
  const rng = createRng(9001, 16);
  const values: number[] = [];
  for (let k = 0; k < 3000; k++) {
    const sign = rng.nextFloat() < 0.5 ? -1 : 1;
    values.push(sign * 2 ** (-30 + 48 * rng.nextFloat()) * (1 + rng.nextFloat()));
  }
  // Exact ties (halfway between two halves) in every normal binade, and in the subnormal range.
  for (let e = -14; e <= 15; e++)
    for (const m of [1024, 1025, 1500, 2046, 2047]) values.push((m + 0.5) * 2 ** (e - 10));
  for (const k of [0, 1, 2, 3, 511, 512, 1022, 1023]) values.push((k + 0.5) * 2 ** -24);
  return new Float32Array(values);
}

describe('float16 storage emulation vs NumPy', () => {
  it('matches NumPy bit for bit on edge values (overflow, ties to even, subnormals, signed zeros)', () => {
    const input = new Float32Array(EDGES);
    const ours = roundToFloat16Array(input);
    const numpy = numpyHalfRoundTrip(input);
    input.forEach((x, k) => {
      const a = ours[k] as number;
      const b = numpy[k] as number;
      if (Number.isNaN(b)) expect(Number.isNaN(a), `NaN at ${x}`).toBe(true);
      else expect(Object.is(a, b), `${x}: ours ${a}, numpy ${b}`).toBe(true);
    });
  });

  it('matches NumPy bit for bit on a seeded sweep of 3158 values', () => {
    const input = sweep();
    const ours = new Uint32Array(roundToFloat16Array(input).buffer);
    const numpy = new Uint32Array(numpyHalfRoundTrip(input).buffer);
    const mismatches = [...ours.keys()].filter((k) => ours[k] !== numpy[k]);
    expect(mismatches.map((k) => input[k])).toEqual([]);
  });

  it('hand values: largest half, overflow, tie to even, smallest subnormal', () => {
    expect(roundToFloat16(65519)).toBe(65504);
    expect(roundToFloat16(65520)).toBe(Infinity);
    expect(roundToFloat16(1 + 2 ** -11)).toBe(1); // tie: 1 has the even mantissa
    expect(roundToFloat16(1 + 3 * 2 ** -11)).toBe(1 + 2 ** -9); // tie: rounds up to the even mantissa 2
    expect(roundToFloat16(2 ** -25)).toBe(0); // tie between 0 and 2^-24: to even (0)
    expect(roundToFloat16(3 * 2 ** -25)).toBe(2 ** -23);
    expect(Object.is(roundToFloat16(-1e-30), -0)).toBe(true);
  });
});

describe('emulateFloat16Storage', () => {
  it('keeps shape and dtype, rounds every entry, leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const x = tf.tensor2d([
      [1e5, 0.1],
      [-3e-8, 2049],
    ]);
    const y = await emulateFloat16Storage(x);
    expect(y.shape).toEqual([2, 2]);
    expect(y.dtype).toBe('float32');
    expect([...(await y.data())]).toEqual([Infinity, Math.fround(0.0999755859375), -(2 ** -24), 2048]);
    x.dispose();
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
