import { beforeAll, expect, test } from 'vitest';
import { localAllReduce } from './all-reduce';
import type { ProteinSource } from './protein-source';
import { Trainer } from './trainer';
import { sampleSource, smallRunConfig } from './testing-sample-source.node';
import { weightsOf, worstDifference } from '../parallel/weight-difference.node';

let source: ProteinSource;
beforeAll(async () => {
  source = await sampleSource(8, 150);
});

test('2 data-parallel replicas × batch 2 end 5 optimizer steps with the weights of 1 trainer × batch 4', async () => {
  const single = new Trainer(smallRunConfig({ training: { batchSize: 4 } }), source, {
    rank: 0,
    worldSize: 1,
    lossScaling: false,
  });
  const replicas = [0, 1].map(
    (rank) =>
      new Trainer(smallRunConfig({ training: { batchSize: 2 } }), source, { rank, worldSize: 2, lossScaling: false }),
  );
  const exchange = localAllReduce(2);
  const singleTotals: number[] = [];
  const replicaTotals: number[] = [];
  for (let step = 0; step < 5; step++) {
    singleTotals.push((await single.step())?.total ?? NaN);
    const points = await Promise.all(replicas.map((replica, rank) => replica.step(exchange[rank])));
    replicaTotals.push(points[0]?.total ?? NaN);
    expect(points[1]?.total).toBe(points[0]?.total);
  }
  // NaN-safe: a NaN anywhere counts as the worst difference, never as none.
  const reference = await weightsOf(single.parts.params);
  let worst = { relative: 0, at: '' };
  for (const replica of replicas) {
    const difference = worstDifference(reference, await weightsOf(replica.parts.params));
    if (!(difference.relative <= worst.relative)) worst = difference;
  }
  console.log(
    `ddp 2×2 vs 1×4 after 5 steps: largest weight difference ${worst.relative.toExponential(2)} at ${worst.at} (relative to each parameter's scale); totals ${replicaTotals.map((t) => t.toFixed(4)).join(', ')}`,
  );
  expect(worst.relative).toBeLessThan(1e-5);
  replicaTotals.forEach((total, k) => expect(total).toBeCloseTo(singleTotals[k] ?? NaN, 4));
  for (const trainer of [single, ...replicas]) trainer.dispose();
}, 120_000);
