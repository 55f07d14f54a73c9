import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GradientAccumulator, type AccumulatedWindow } from './gradient-accumulator';

let tensorsBefore = 0;
beforeEach(() => {
  tensorsBefore = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(tensorsBefore);
});

type Values = Record<string, number[] | number[][]>;
const toMap = (values: Values): Map<string, tf.Tensor> =>
  new Map(Object.entries(values).map(([name, v]) => [name, tf.tensor(v)]));

/** Offers `values` as one micro-batch, disposing the caller's tensors afterwards as a trainer would. */
async function offer(acc: GradientAccumulator, values: Values, weight?: number): Promise<string> {
  const grads = toMap(values);
  try {
    return await acc.add(grads, weight);
  } finally {
    grads.forEach((t) => t.dispose());
  }
}

/** Reads a flushed window's gradients as plain arrays and disposes them. */
async function read(window: AccumulatedWindow): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const [name, t] of window.grads) out[name] = [...(await t.data())];
  window.grads.forEach((t) => t.dispose());
  return out;
}

describe('GradientAccumulator', () => {
  it('averages a full window of equal-weight micro-batches', async () => {
    const acc = new GradientAccumulator(3);
    await offer(acc, { a: [1, 2], b: [[1]] });
    await offer(acc, { a: [3, 4], b: [[2]] });
    expect(acc.ready).toBe(false);
    await offer(acc, { a: [5, 9], b: [[6]] });
    expect(acc.ready).toBe(true);
    await expect(offer(acc, { a: [0, 0], b: [[0]] })).rejects.toThrow(/flush first/);
    const window = acc.flush();
    expect(window).toMatchObject({ accumulated: 3, discarded: 0, totalWeight: 3, partial: false });
    expect(window.grads.get('b')?.shape).toEqual([1, 1]);
    expect(await read(window)).toEqual({ a: [3, 5], b: [3] }); // (1+3+5)/3, (2+4+9)/3, (1+2+6)/3
    expect(acc.seen).toBe(0);
    acc.dispose();
  });

  it('flushes a partial window, dividing by what it holds', async () => {
    const acc = new GradientAccumulator(4);
    await offer(acc, { a: [2, 4] });
    await offer(acc, { a: [4, 8] });
    const window = acc.flush();
    expect(window).toMatchObject({ accumulated: 2, totalWeight: 2, partial: true });
    expect(await read(window)).toEqual({ a: [3, 6] }); // FoldTree2 would give [1.5, 3] (each loss / accum 4)
    acc.dispose();
  });

  it('a single accumulated micro-batch is handed over as it was summed', async () => {
    const acc = new GradientAccumulator(1);
    await offer(acc, { a: [0.1, -7] });
    expect(await read(acc.flush())).toEqual({ a: [Math.fround(0.1), -7] });
    acc.dispose();
  });

  it('drops a NaN or Inf micro-batch ALONE and keeps the rest of the window', async () => {
    const acc = new GradientAccumulator(3);
    expect(await offer(acc, { a: [1, 2], b: [10] })).toBe('accumulated');
    expect(await offer(acc, { a: [NaN, 2], b: [10] })).toBe('discarded');
    expect(acc.ready).toBe(false);
    expect(await offer(acc, { a: [3, 6], b: [20] })).toBe('accumulated');
    expect(acc.ready).toBe(true); // the dropped one counts towards the window
    const window = acc.flush();
    expect(window).toMatchObject({ accumulated: 2, discarded: 1, totalWeight: 2 });
    expect(await read(window)).toEqual({ a: [2, 4], b: [15] });
    acc.dispose();
  });

  it('a window whose micro-batches were all dropped hands over nothing', async () => {
    const acc = new GradientAccumulator(2);
    await offer(acc, { a: [Infinity] });
    await offer(acc, { a: [-Infinity] });
    const window = acc.flush();
    expect(window).toMatchObject({ accumulated: 0, discarded: 2, totalWeight: 0, partial: false });
    expect(window.grads.size).toBe(0);
    acc.dispose();
  });

  it('weights micro-batches: Σ w·g / Σ w', async () => {
    const acc = new GradientAccumulator(2);
    await offer(acc, { a: [4, 1] }, 1);
    await offer(acc, { a: [8, 1] }, 3);
    const window = acc.flush();
    expect(window.totalWeight).toBe(4);
    expect(await read(window)).toEqual({ a: [7, 1] }); // (1·4 + 3·8) / 4, (1 + 3) / 4
    acc.dispose();
  });

  it('rejects mismatched parameters, shapes and bad weights; dispose frees an open window', async () => {
    const acc = new GradientAccumulator(4);
    await offer(acc, { a: [1, 2] });
    await expect(offer(acc, { a: [1, 2], b: [1] })).rejects.toThrow(/2 gradients/);
    await expect(offer(acc, { c: [1, 2] })).rejects.toThrow(/c/);
    await expect(offer(acc, { a: [[1, 2]] })).rejects.toThrow(/shape/);
    await expect(offer(acc, { a: [1, 2] }, 0)).rejects.toThrow(RangeError);
    await expect(offer(acc, { a: [1, 2] }, NaN)).rejects.toThrow(RangeError);
    expect(acc.seen).toBe(1);
    acc.dispose();
    expect(() => new GradientAccumulator(0)).toThrow(RangeError);
  });
});

describe('weighted accumulation reproduces the full batch when the loss is a per-protein mean', () => {
  // Per-protein loss ℓ_p(w) = (x_p·w − y_p)²; a batch's loss is the mean over its proteins.
  const X = [
    [1, 2, -1],
    [0.5, -1, 2],
    [3, 0, 1],
    [-2, 1, 0.5],
  ];
  const Y = [1, -2, 0.5, 3];

  function batchGradient(w: tf.Variable, rows: number[]): tf.Tensor {
    return tf.tidy(() => {
      const x = tf.tensor2d(rows.map((r) => X[r] as number[]));
      const y = tf.tensor1d(rows.map((r) => Y[r] as number));
      const { grads } = tf.variableGrads(
        () => tf.mean(tf.square(tf.sub(tf.squeeze(tf.matMul(x, tf.reshape(w, [3, 1])), [1]), y))),
        [w],
      );
      return grads.w as tf.Tensor;
    });
  }

  async function accumulated(w: tf.Variable, splits: number[][], weighted: boolean): Promise<number[]> {
    const acc = new GradientAccumulator(splits.length);
    for (const rows of splits) {
      const g = batchGradient(w, rows);
      await acc.add(new Map([['w', g]]), weighted ? rows.length : 1);
      g.dispose();
    }
    const out = await read(acc.flush());
    acc.dispose();
    return out.w as number[];
  }

  it('2 + 2 proteins equal 1 batch of 4; 3 + 1 equal it only when weighted by protein count', async () => {
    const w = tf.tidy(() => tf.variable(tf.tensor1d([0.3, -0.2, 0.7]), true, 'w'));
    const fullTensor = batchGradient(w, [0, 1, 2, 3]);
    const full = [...(await fullTensor.data())];
    fullTensor.dispose();
    const close = (a: number[], b: number[]): number => Math.max(...a.map((v, k) => Math.abs(v - (b[k] ?? NaN))));
    expect(
      close(
        await accumulated(
          w,
          [
            [0, 1],
            [2, 3],
          ],
          true,
        ),
        full,
      ),
    ).toBeLessThan(1e-5);
    expect(
      close(
        await accumulated(
          w,
          [
            [0, 1],
            [2, 3],
          ],
          false,
        ),
        full,
      ),
    ).toBeLessThan(1e-5); // equal sizes: same
    expect(close(await accumulated(w, [[0, 1, 2], [3]], true), full)).toBeLessThan(1e-5);
    expect(close(await accumulated(w, [[0, 1, 2], [3]], false), full)).toBeGreaterThan(0.5); // mean of means is biased
    w.dispose();
  });
});
