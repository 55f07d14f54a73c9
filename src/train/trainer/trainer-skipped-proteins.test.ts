/** Proteins that fail while a run trains: named in the run's notices, and the step goes on with the rest. */
import { beforeAll, describe, expect, test } from 'vitest';
import type { ProteinSource } from './protein-source';
import { Trainer } from './trainer';
import { sampleSource, smallRunConfig } from './testing-sample-source.node';

const single = { rank: 0, worldSize: 1, lossScaling: false };
let good: ProteinSource;

beforeAll(async () => {
  good = await sampleSource(4, 150);
});

/** `good`, except that reading the proteins in `failing` fails as a damaged block in the file would. */
function failingSource(failing: ReadonlySet<string>): ProteinSource {
  return {
    ...good,
    readBatch(ids, options) {
      const readable = ids.filter((id) => !failing.has(id));
      const skipped = ids
        .filter((id) => failing.has(id))
        .map((id) => ({
          source: `${good.name}:${id}`,
          reason: `protein ${id}: node/res/x: could not read the data (filter returned failure during read)`,
        }));
      return { batch: readable.length > 0 ? good.readBatch(readable, options).batch : null, skipped };
    },
  };
}

describe('a protein that fails during training', () => {
  test('is named once with its reason, and the step trains on the rest', async () => {
    const [bad] = good.proteinIds;
    const trainer = new Trainer(
      smallRunConfig({ training: { batchSize: 2, epochs: 1 } }),
      failingSource(new Set([bad ?? ''])),
      single,
    );
    try {
      const points = [await trainer.step(), await trainer.step()];
      expect(points.every((p) => p !== null && Number.isFinite(p.total))).toBe(true);
      const notices = trainer.takeNotices();
      expect(notices.filter((n) => n.includes(`sample-structs.h5:${bad}`))).toHaveLength(1);
      expect(notices[0]).toMatch(
        /^step \d: sample-structs\.h5:\S+ left out of training: protein \S+: node\/res\/x: could not read/,
      );
      expect(trainer.takeNotices()).toEqual([]);
    } finally {
      trainer.dispose();
    }
  });

  test('a micro-batch left empty is skipped with a message naming its proteins, and the run goes on', async () => {
    const trainer = new Trainer(
      smallRunConfig({ training: { batchSize: 4, epochs: 2 } }),
      failingSource(new Set(good.proteinIds)),
      single,
    );
    try {
      const point = await trainer.step();
      expect(point?.skipped).toBe(true);
      const notices = trainer.takeNotices();
      const empty = notices.find((n) => n.includes('micro-batch skipped'));
      for (const id of good.proteinIds) expect(empty).toContain(id);
      expect(await trainer.step()).not.toBeNull();
    } finally {
      trainer.dispose();
    }
  });
});
