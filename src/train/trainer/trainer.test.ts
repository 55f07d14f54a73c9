import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ProteinSource } from './protein-source';
import { restoreTrainer, saveCheckpoint } from './trainer-checkpoint';
import { Trainer } from './trainer';
import { sampleSource, smallRunConfig } from './testing-sample-source.node';

const single = { rank: 0, worldSize: 1, lossScaling: false };
let source: ProteinSource;

beforeAll(async () => {
  source = await sampleSource(8, 150);
});

async function run(trainer: Trainer, steps: number): Promise<number[]> {
  const totals: number[] = [];
  for (let k = 0; k < steps; k++) totals.push((await trainer.step())?.total ?? NaN);
  return totals;
}

async function weights(trainer: Trainer): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  for (const name of trainer.parts.params.names())
    out.set(name, Float32Array.from(await trainer.parts.params.get(name).data()));
  return out;
}

describe('Trainer', () => {
  test('10 steps straight equal 5 steps, save, load, 5 steps — bit for bit', async () => {
    const config = smallRunConfig();
    const straight = new Trainer(config, source, single);
    const straightTotals = await run(straight, 10);
    const first = new Trainer(config, source, single);
    const firstTotals = await run(first, 5);
    const bytes = await saveCheckpoint(first);
    first.dispose();
    const resumed = restoreTrainer(bytes, source, single, 'test.ftsckpt');
    const resumedTotals = await run(resumed, 5);
    expect([...firstTotals, ...resumedTotals]).toEqual(straightTotals);
    expect(await weights(resumed)).toEqual(await weights(straight));
    // Every counter but the wall-clock time carries over.
    expect({ ...resumed.state, elapsedMs: 0 }).toEqual({ ...straight.state, elapsedMs: 0 });
    straight.dispose();
    resumed.dispose();
  });

  test('2 micro-batches of 2 proteins give the same update as 1 batch of the same 4', async () => {
    const whole = new Trainer(
      smallRunConfig({ training: { batchSize: 4, gradientAccumulationSteps: 1 } }),
      source,
      single,
    );
    const split = new Trainer(
      smallRunConfig({ training: { batchSize: 2, gradientAccumulationSteps: 2 } }),
      source,
      single,
    );
    await whole.step();
    await split.step();
    const a = await weights(whole);
    const b = await weights(split);
    let worst = 0;
    for (const [name, values] of a) {
      const other = b.get(name) ?? new Float32Array();
      values.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - (other[k] ?? NaN)))));
    }
    console.log(`accumulation 2×2 vs 1×4: largest weight difference after one step ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-5);
    whole.dispose();
    split.dispose();
  });

  test('the same seed gives the same first 20 losses; another seed gives others', async () => {
    const losses = async (seed: number) => {
      const trainer = new Trainer(smallRunConfig({ data: { seed } }), source, single);
      const totals = await run(trainer, 20);
      trainer.dispose();
      return totals;
    };
    const a = await losses(4);
    expect(a.every(Number.isFinite)).toBe(true);
    expect(await losses(4)).toEqual(a);
    expect(await losses(5)).not.toEqual(a);
  }, 180_000);

  test('an injected overflow skips the step and halves the loss scale; clean steps double it back', async () => {
    let calls = 0;
    // A source that poisons one batch with an infinite feature: the gradients overflow on that step only.
    const poisoned: ProteinSource = {
      ...source,
      readBatch(ids, options) {
        const result = source.readBatch(ids, options);
        if (++calls === 3 && result.batch) result.batch.residueFeatures.res?.data.fill(Infinity, 0, 5);
        return result;
      },
    };
    const config = smallRunConfig();
    const trainer = new Trainer(
      { ...config, precision: { ...config.precision, lossScaleInit: 1024, lossScaleGrowthInterval: 3 } },
      poisoned,
      { ...single, lossScaling: true },
    );
    const points = [];
    for (let k = 0; k < 6; k++) points.push(await trainer.step());
    expect(points.map((p) => p?.skipped)).toEqual([false, false, true, false, false, false]);
    expect(points.map((p) => p?.lossScale)).toEqual([1024, 1024, 512, 512, 512, 1024]);
    expect(points[5]?.skippedSteps).toBe(1);
    trainer.dispose();
  });

  test('a step reports every metric, and the live tensor count stays flat', async () => {
    const trainer = new Trainer(smallRunConfig(), source, single);
    await trainer.step();
    const before = tf.memory().numTensors;
    const point = await trainer.step();
    await run(trainer, 3);
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(point?.losses ?? {}).sort()).toEqual(['aminoAcid', 'angles', 'edge', 'logit', 'ss', 'vq']);
    expect(point?.total).toBeCloseTo(
      Object.values(point?.weightedLosses ?? {}).reduce((a, b) => a + b, 0),
      5,
    );
    expect(Object.keys(point?.learningRates ?? {}).sort()).toEqual(['adamw', 'muon']);
    expect(point?.gradientNorms.global).toBeGreaterThan(0);
    expect(point?.gradientNorms.largest).toHaveLength(3);
    expect(point?.perplexity).toBeGreaterThanOrEqual(1);
    expect(point?.codeUsage).toHaveLength(8);
    expect(point?.commitmentCost).toBeGreaterThan(0.1);
    expect(point?.proteinsPerSecond).toBeGreaterThan(0);
    trainer.dispose();
  });
});

describe('optimizer groups from the run config', () => {
  test('Muon off means no Muon group and no Muon learning rate; on, the encoder/decoder switches refine it', async () => {
    const off = new Trainer(
      { ...smallRunConfig(), optimizer: { ...smallRunConfig().optimizer, useMuon: false } },
      source,
      single,
    );
    expect(off.parts.optimizer.groups.muon.names).toEqual([]);
    expect(Object.keys((await off.step())?.learningRates ?? {})).toEqual(['adamw']);
    off.dispose();
    const encoderOnly = new Trainer(
      { ...smallRunConfig(), optimizer: { ...smallRunConfig().optimizer, useMuon: true, useMuonDecoders: false } },
      source,
      single,
    );
    const muon = encoderOnly.parts.optimizer.groups.muon.names;
    expect(muon.length).toBeGreaterThan(0);
    expect(muon.every((name) => name.startsWith('encoder.body.'))).toBe(true);
    encoderOnly.dispose();
  });
});
