/**
 * A data-parallel run in which one trainer can read none of its proteins (its whole share sits in a damaged part of
 * the file): every one of its micro-batches is skipped with a message naming the proteins, it still joins every
 * exchange, and the run goes on with the other trainer's proteins, both trainers keeping the same weights.
 */
import { beforeAll, expect, test } from 'vitest';
import { localAllReduce } from './all-reduce';
import type { ProteinSource } from './protein-source';
import { Trainer } from './trainer';
import { sampleSource, smallRunConfig } from './testing-sample-source.node';
import { weightsOf, worstDifference } from '../parallel/weight-difference.node';

let good: ProteinSource;
beforeAll(async () => {
  good = await sampleSource(8, 150);
});

/** `good` with every read failing, as a damaged block under all of this trainer's proteins would. */
function unreadable(source: ProteinSource): ProteinSource {
  return {
    ...source,
    readBatch: (ids) => ({
      batch: null,
      skipped: ids.map((id) => ({
        source: `${source.name}:${id}`,
        reason: `protein ${id}: node/res/x: checksum error`,
      })),
    }),
  };
}

test('one trainer whose whole share is unreadable: it skips every micro-batch by name, the other trains, weights stay equal', async () => {
  const config = smallRunConfig({ training: { batchSize: 2 } });
  const options = (rank: number) => ({ rank, worldSize: 2, lossScaling: false });
  const trainers = [new Trainer(config, good, options(0)), new Trainer(config, unreadable(good), options(1))];
  const exchange = localAllReduce(2);
  try {
    const initial = await weightsOf((trainers[0] as Trainer).parts.params);
    for (let step = 1; step <= 3; step++) {
      const [trained, empty] = await Promise.all(trainers.map((trainer, rank) => trainer.step(exchange[rank])));
      expect(Number.isFinite(trained?.total), `step ${step}: the readable trainer's loss`).toBe(true);
      expect(trained?.skipped, `step ${step}`).toBe(false);
      expect(empty?.step).toBe(step);
    }
    const notices = (trainers[1] as Trainer).takeNotices();
    const skippedBatches = notices.filter((n) => n.includes('micro-batch skipped'));
    expect(skippedBatches).toHaveLength(3);
    for (const line of skippedBatches) expect(line).toMatch(/none of its proteins could be read \(\S+, \S+\)/);
    expect(
      notices.filter((n) => n.includes('left out of training: protein') && n.includes('checksum error')).length,
    ).toBeGreaterThan(0);
    expect((trainers[0] as Trainer).takeNotices()).toEqual([]);

    const [first, second] = [
      await weightsOf((trainers[0] as Trainer).parts.params),
      await weightsOf((trainers[1] as Trainer).parts.params),
    ];
    expect(worstDifference(first, second).relative).toBe(0);
    // The readable trainer's proteins moved the weights (a NaN counts as a difference, never as none).
    expect(worstDifference(initial, first).relative).toBeGreaterThan(1e-4);
    for (const [name, { data }] of Object.entries(first)) expect(data.every(Number.isFinite), name).toBe(true);
  } finally {
    for (const trainer of trainers) trainer.dispose();
  }
}, 120_000);
