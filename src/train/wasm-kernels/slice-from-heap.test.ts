/**
 * Slice and SplitV on the wasm backend, read through the heap, give exactly the elements a plain index walk written
 * here picks: every rank from 1 to 5, boxes that are contiguous, strided, empty or whole, and int32 and bool data.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRng } from '../../shared/seeded-rng';
import { registerWasmKernels } from './register-wasm-kernels';

registerWasmKernels();

beforeAll(async () => {
  expect(await tf.setBackend('wasm')).toBe(true);
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

/** The values 0, 1, 2, … laid out in `shape` (so every element says where it came from). */
const iota = (shape: number[]) => Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, k) => k);

/** Row-major indices of the box, in output order, by plain counting. */
function boxIndices(shape: number[], begin: number[], size: number[]): number[] {
  const out: number[] = [];
  const index = new Array<number>(shape.length).fill(0);
  const total = size.reduce((a, b) => a * b, 1);
  for (let n = 0; n < total; n++) {
    let rest = n;
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      index[axis] = rest % (size[axis] ?? 1);
      rest = Math.floor(rest / (size[axis] ?? 1));
    }
    let flat = 0;
    for (let axis = 0; axis < shape.length; axis++)
      flat = flat * (shape[axis] ?? 1) + (begin[axis] ?? 0) + (index[axis] ?? 0);
    out.push(flat);
  }
  return out;
}

describe('Slice through the heap', () => {
  test('random boxes of ranks 1 to 5 hold exactly the elements of the box', async () => {
    const rng = createRng(11);
    const pick = (n: number) => Math.floor(rng.nextFloat() * n);
    for (let trial = 0; trial < 60; trial++) {
      const rank = 1 + (trial % 5);
      const shape = Array.from({ length: rank }, () => 1 + pick(6));
      const begin = shape.map((d) => pick(d));
      const size = shape.map((d, axis) =>
        trial % 7 === 0 ? d - (begin[axis] ?? 0) : pick(d - (begin[axis] ?? 0) + 1),
      );
      const x = tf.tensor(iota(shape), shape, 'float32');
      const sliced = tf.slice(x, begin, size);
      expect(sliced.shape, JSON.stringify({ shape, begin, size })).toEqual(size);
      expect(Array.from(await sliced.data()), JSON.stringify({ shape, begin, size })).toEqual(
        boxIndices(shape, begin, size),
      );
      tf.dispose([x, sliced]);
    }
  });

  test('int32 and bool tensors, and -1 sizes, slice as floats do', async () => {
    const ints = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3], 'int32');
    expect(Array.from(await tf.slice(ints, [0, 1], [-1, 2]).data())).toEqual([2, 3, 5, 6]);
    const flags = tf.tensor1d([true, false, true, true], 'bool');
    expect(Array.from(await tf.slice(flags, [1], [2]).data())).toEqual([0, 1]);
    tf.dispose([ints, flags]);
  });
});

describe('SplitV through the heap', () => {
  test('pieces along every axis of a rank-3 tensor equal the boxes they cover, in order', async () => {
    const shape = [4, 5, 6];
    const x = tf.tensor(iota(shape), shape, 'float32');
    for (const [axis, sizes] of [
      [0, [1, 3]],
      [1, [2, 0, 3]],
      [2, [1, 2, 3]],
    ] as const) {
      const pieces = tf.split(x, [...sizes], axis);
      let at = 0;
      for (const [k, piece] of pieces.entries()) {
        const begin = [0, 0, 0];
        begin[axis] = at;
        const size = [...shape];
        size[axis] = sizes[k] ?? 0;
        expect(Array.from(await piece.data()), `axis ${axis} piece ${k}`).toEqual(boxIndices(shape, begin, size));
        at += sizes[k] ?? 0;
      }
      tf.dispose(pieces);
    }
    x.dispose();
  });

  test('a flat vector split into 174 pieces of different sizes (a step’s gradients): each piece starts where the last ended', async () => {
    const sizes = Array.from({ length: 174 }, (_, k) => (k % 3 === 0 ? 8192 : 64 + k));
    const total = sizes.reduce((a, b) => a + b, 0);
    const x = tf.range(0, total, 1, 'int32');
    const pieces = tf.split(x, sizes);
    let at = 0;
    for (const [k, piece] of pieces.entries()) {
      const values = await piece.data();
      expect([values.length, values[0], values.at(-1)], `piece ${k}`).toEqual([sizes[k], at, at + (sizes[k] ?? 0) - 1]);
      at += sizes[k] ?? 0;
    }
    tf.dispose([x, ...pieces]);
  });
});
