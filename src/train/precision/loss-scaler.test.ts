import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emulateFloat16Storage } from './f16-emulation';
import { DynamicLossScaler, parseLossScalerState } from './loss-scaler';

let tensorsBefore = 0;
beforeEach(() => {
  tensorsBefore = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(tensorsBefore);
});

const grads = (entries: Record<string, number[]>): Map<string, tf.Tensor> =>
  new Map(Object.entries(entries).map(([name, values]) => [name, tf.tensor1d(values)]));
const disposeAll = (map: ReadonlyMap<string, tf.Tensor>): void => map.forEach((t) => t.dispose());

/** Runs one scaled step on fixed gradients; returns whether `apply` ran. */
async function stepWith(
  scaler: DynamicLossScaler,
  entries: Record<string, number[]>,
  overflowElsewhere = false,
): Promise<boolean> {
  const g = grads(entries);
  let called = false;
  const { applied } = await scaler.step(g, () => void (called = true), overflowElsewhere);
  disposeAll(g);
  expect(called).toBe(applied);
  return applied;
}

describe('DynamicLossScaler (GradScaler semantics)', () => {
  it('starts at 2^16 with PyTorch defaults and scales the loss', async () => {
    const scaler = new DynamicLossScaler();
    expect(scaler.state()).toEqual({ scale: 65536, growthTracker: 0, skippedSteps: 0 });
    expect(scaler.options).toMatchObject({ growthFactor: 2, backoffFactor: 0.5, growthInterval: 2000 });
    const loss = tf.scalar(1.5);
    const scaled = scaler.scaleLoss(loss);
    expect(await scaled.data()).toEqual(new Float32Array([98304]));
    loss.dispose();
    scaled.dispose();
  });

  it('unscales exactly and reports finiteness from one reduction', async () => {
    const scaler = new DynamicLossScaler({ initialScale: 256 });
    const g = grads({ a: [256, -512, 1], b: [0.5] });
    const { grads: unscaled, finite } = await scaler.unscale(g);
    expect(finite).toBe(true);
    expect([...(await (unscaled.get('a') as tf.Tensor).data())]).toEqual([1, -2, 1 / 256]);
    expect([...(await (unscaled.get('b') as tf.Tensor).data())]).toEqual([1 / 512]);
    disposeAll(g);
    disposeAll(unscaled);
  });

  it('an injected Infinity skips the step, halves the scale and resets the growth counter', async () => {
    const scaler = new DynamicLossScaler({ growthInterval: 10 });
    for (let k = 0; k < 5; k++) expect(await stepWith(scaler, { a: [1, 2], b: [3] })).toBe(true);
    expect(scaler.state()).toEqual({ scale: 65536, growthTracker: 5, skippedSteps: 0 });
    expect(await stepWith(scaler, { a: [1, Infinity], b: [3] })).toBe(false);
    expect(scaler.state()).toEqual({ scale: 32768, growthTracker: 0, skippedSteps: 1 });
    expect(await stepWith(scaler, { a: [1, 2], b: [NaN] })).toBe(false);
    expect(scaler.state()).toEqual({ scale: 16384, growthTracker: 0, skippedSteps: 2 });
  });

  it('N = growthInterval clean steps in a row double the scale', async () => {
    const scaler = new DynamicLossScaler({ initialScale: 2 ** 8, growthInterval: 3 });
    for (let k = 0; k < 2; k++) await stepWith(scaler, { a: [1] });
    expect(scaler.state()).toEqual({ scale: 256, growthTracker: 2, skippedSteps: 0 });
    await stepWith(scaler, { a: [1] });
    expect(scaler.state()).toEqual({ scale: 512, growthTracker: 0, skippedSteps: 0 });
    for (let k = 0; k < 3; k++) await stepWith(scaler, { a: [1] });
    expect(scaler.scale).toBe(1024);
  });

  it('does not grow past the float32 range (PyTorch keeps the old scale, resets the counter)', () => {
    const scaler = new DynamicLossScaler({ initialScale: 2 ** 127, growthInterval: 1 });
    scaler.update(false);
    expect(scaler.state()).toEqual({ scale: 2 ** 127, growthTracker: 0, skippedSteps: 0 });
  });

  it('overflow seen elsewhere (a dropped micro-batch, another rank) also skips and backs off', async () => {
    const scaler = new DynamicLossScaler();
    expect(await stepWith(scaler, { a: [1] }, true)).toBe(false);
    expect(scaler.state()).toEqual({ scale: 32768, growthTracker: 0, skippedSteps: 1 });
  });

  it('disabled (f32 runs): scale stays 1, non-finite steps are still skipped and counted', async () => {
    const scaler = new DynamicLossScaler({ enabled: false, growthInterval: 1 });
    expect(await stepWith(scaler, { a: [1] })).toBe(true);
    expect(await stepWith(scaler, { a: [Infinity] })).toBe(false);
    expect(scaler.state()).toEqual({ scale: 1, growthTracker: 0, skippedSteps: 1 });
  });

  it('state round-trips through JSON and resumes the same sequence', async () => {
    const a = new DynamicLossScaler({ growthInterval: 2 });
    await stepWith(a, { a: [Infinity] });
    await stepWith(a, { a: [1] });
    const b = new DynamicLossScaler({ growthInterval: 2 });
    b.load(parseLossScalerState(JSON.parse(JSON.stringify(a.state())) as unknown));
    expect(b.state()).toEqual({ scale: 32768, growthTracker: 1, skippedSteps: 1 });
    await stepWith(a, { a: [1] });
    await stepWith(b, { a: [1] });
    expect(b.state()).toEqual(a.state());
    expect(a.scale).toBe(65536);
    expect(() => parseLossScalerState({ scale: 0, growthTracker: 0, skippedSteps: 0 })).toThrow(/scale/);
    expect(() => parseLossScalerState({ scale: 1, growthTracker: 0.5, skippedSteps: 0 })).toThrow(/growthTracker/);
  });
});

describe('loss scaling with emulated float16 gradient storage', () => {
  it('backs off until the scaled gradients fit in half, and keeps a gradient half would flush to 0', async () => {
    // loss = 3·w0 + 1e-8·w1: gradients [3, 1e-8]. Stored in half at scale 2^16 the 3 becomes 196608 > 65504
    // (Inf); at 2^15, 98304 (Inf); at 2^14, 49152 fits, and 1e-8·2^14 = 1.6e-4 is a normal half. Unscaled,
    // 1e-8 in half would be below 2^-25 and round to 0.
    const w = tf.tidy(() => tf.variable(tf.zeros([2]), true, 'w'));
    const x = tf.tensor1d([3, 1e-8]);
    const scaler = new DynamicLossScaler();
    const applied: boolean[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const { grads: f32Grads, value } = tf.variableGrads(() => scaler.scaleLoss(tf.sum(tf.mul(w, x))), [w]);
      const half = new Map([['w', await emulateFloat16Storage(f32Grads.w as tf.Tensor)]]);
      const result = await scaler.step(half, (g) => tf.tidy(() => w.assign(tf.sub(w, g.get('w') as tf.Tensor))));
      applied.push(result.applied);
      value.dispose();
      tf.dispose(f32Grads);
      disposeAll(half);
    }
    expect(applied).toEqual([false, false, true]);
    expect(scaler.state()).toEqual({ scale: 16384, growthTracker: 1, skippedSteps: 2 });
    const [w0, w1] = await w.data();
    expect(w0).toBe(-3);
    expect(Math.abs((w1 as number) + 1e-8) / 1e-8).toBeLessThan(2 ** -11); // half's relative precision
    const unscaledHalf = await emulateFloat16Storage(x);
    expect((await unscaledHalf.data())[1]).toBe(0); // what half storage does to 1e-8 without scaling
    unscaledHalf.dispose();
    w.dispose();
    x.dispose();
  });
});
