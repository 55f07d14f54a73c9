/** Data-parallel runs through the coordinator and replica services match one trainer on the whole batch. */
import { describe, expect, test } from 'vitest';
import { decodeCheckpoint } from '../../formats/checkpoint-codec';
import { smallRunConfig } from '../trainer/testing-sample-source.node';
import { worstDifference, worstRelativeNorm } from '../parallel/weight-difference.node';
import { ddpConfig, runUntil, save, steps } from './testing-coordinator-runs.node';

describe('data-parallel runs through the coordinator and replica services', () => {
  test('2 trainers × batch 2 (ddp) end 5 optimizer steps with the weights of 1 trainer × batch 4; the message exchange equals the shared one bit for bit', async () => {
    const single = await runUntil(1, 5, ddpConfig(4, 1));
    const shared = await runUntil(2, 5, ddpConfig(2, 2));
    const messages = await runUntil(2, 5, ddpConfig(2, 2), { isolated: false });
    for (const h of [single, shared, messages]) expect(steps(h)).toEqual([1, 2, 3, 4, 5]);
    const info = shared.events.find((e) => e.type === 'info');
    expect(info?.type === 'info' && info.info).toMatchObject({
      trainers: 2,
      strategy: 'ddp',
      effectiveBatch: 4,
      exchange: 'shared memory (SharedArrayBuffer + Atomics)',
    });
    const [a, b, c] = [await save(single), await save(shared), await save(messages)];
    const difference = worstRelativeNorm(a.weights, b.weights);
    const elementwise = worstDifference(a.weights, b.weights);
    console.log(
      `ddp 2×2 vs 1×4 after 5 steps through the services: largest ‖Δw‖/‖w‖ ${difference.relative.toExponential(2)} at ${difference.at}; ` +
        `largest entry ${elementwise.relative.toExponential(2)} at ${elementwise.at}`,
    );
    expect(difference.relative).toBeLessThan(1e-5);
    expect(elementwise.relative).toBeLessThan(1e-4);
    expect(worstDifference(b.weights, c.weights).relative).toBe(0);
    const point = shared.events.flatMap((e) => (e.type === 'metrics' ? e.points : []))[4];
    expect(point?.trainers?.map((t) => t.rank)).toEqual([0, 1]);
    expect(point?.trainers?.every((t) => t.exchangeMs >= 0 && t.exchangeMs <= t.stepMs)).toBe(true);
    // checksumEvery 2: the replicas were compared at steps 2 and 4 and agreed (no fault, no drift).
    expect(shared.events.some((e) => e.type === 'fault')).toBe(false);
    for (const h of [single, shared, messages]) h.close();
  }, 300_000);

  test('dp (the coordinator steps a master copy and broadcasts weights) ends 5 steps with the weights of ddp', async () => {
    const ddp = await runUntil(2, 5, ddpConfig(2, 2));
    const base = ddpConfig(2, 2);
    const dp = await runUntil(2, 5, { ...base, training: { ...base.training, strategy: 'dp' } });
    expect(steps(dp)).toEqual([1, 2, 3, 4, 5]);
    const info = dp.events.find((e) => e.type === 'info');
    expect(info?.type === 'info' && info.info.strategy).toBe('dp');
    const [a, b] = [await save(ddp), await save(dp)];
    const difference = worstRelativeNorm(a.weights, b.weights);
    console.log(
      `dp vs ddp (2 trainers × batch 2) after 5 steps: largest ‖Δw‖/‖w‖ ${difference.relative.toExponential(2)} at ${difference.at}`,
    );
    expect(difference.relative).toBeLessThan(1e-5);
    // The dp checkpoint carries the master's optimizer state (the replicas' own optimizers never step): its moments
    // equal those ddp's replicas built, and differ from the untouched initial state.
    const optimizerState = (bytes: ArrayBuffer) =>
      JSON.stringify((decodeCheckpoint(bytes) as { optimizer: unknown }).optimizer);
    expect(optimizerState(b.bytes)).toBe(optimizerState(a.bytes));
    const fresh = await runUntil(1, 1, ddpConfig(2, 1));
    expect(optimizerState((await save(fresh)).bytes)).not.toBe(optimizerState(b.bytes));
    fresh.close();
    const dpPoints = dp.events.flatMap((e) => (e.type === 'metrics' ? e.points : []));
    expect(dpPoints.every((p) => Number.isFinite(p.gradientNorms.global) && !p.skipped)).toBe(true);
    ddp.close();
    dp.close();
  }, 300_000);
});

test('LR scaling with the trainer count: linear doubles, sqrt multiplies by √2 the LRs two trainers report', async () => {
  const lrs: Record<string, number>[] = [];
  for (const [trainers, lrScaling] of [
    [1, 'none'],
    [2, 'linear'],
    [2, 'sqrt'],
  ] as const) {
    const h = await runUntil(trainers, 4, smallRunConfig({ training: { batchSize: 2, workers: trainers, lrScaling } }));
    const point = h.events.flatMap((e) => (e.type === 'metrics' ? e.points : [])).at(-1);
    lrs.push({ ...point?.learningRates });
    if (trainers === 2) {
      // Per-trainer throughput: each rank processed its own share of the window's residues.
      expect(
        point?.trainers?.every((t) => t.residuesPerSecond > 0 && t.residuesPerSecond < (point.residuesPerSecond ?? 0)),
      ).toBe(true);
    }
    h.close();
  }
  const [single, linear, sqrt] = lrs as [Record<string, number>, Record<string, number>, Record<string, number>];
  for (const group of Object.keys(single)) {
    expect(linear[group]).toBeCloseTo(2 * (single[group] ?? NaN), 12);
    expect(sqrt[group]).toBeCloseTo(Math.SQRT2 * (single[group] ?? NaN), 12);
  }
}, 300_000);
