import { describe, expect, it } from 'vitest';
import { epochOrder } from './epoch-order';
import { batchesOf, batchesPerEpoch, shardOf, shardSize } from './shard';

describe('shardOf', () => {
  for (const count of [0, 1, 7, 200]) {
    for (let worldSize = 1; worldSize <= 5; worldSize++) {
      it(`covers ${count} proteins exactly once across ${worldSize} rank(s), sizes within one`, () => {
        const order = epochOrder(count, 9, 2);
        const shards = Array.from({ length: worldSize }, (_, rank) => shardOf(order, rank, worldSize));
        const hits = new Int32Array(count);
        for (const shard of shards) for (const v of shard) hits[v] = (hits[v] ?? 0) + 1;
        expect([...hits].every((h) => h === 1)).toBe(true);
        const sizes = shards.map((s) => s.length);
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(count);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        sizes.forEach((size, rank) => expect(shardSize(count, rank, worldSize)).toBe(size));
      });
    }
  }

  it('is strided: rank r holds positions r, r+W, … of the order', () => {
    const order = Int32Array.from([50, 51, 52, 53, 54, 55, 56]);
    expect([...shardOf(order, 0, 3)]).toEqual([50, 53, 56]);
    expect([...shardOf(order, 1, 3)]).toEqual([51, 54]);
    expect([...shardOf(order, 2, 3)]).toEqual([52, 55]);
  });

  it('rejects invalid rank or worldSize with a clear message', () => {
    const order = epochOrder(10, 0, 0);
    expect(() => shardOf(order, 2, 2)).toThrow(/shardOf: rank 2 is not an integer in \[0, 2\) for worldSize 2/);
    expect(() => shardOf(order, -1, 2)).toThrow(/rank -1/);
    expect(() => shardOf(order, 0.5, 2)).toThrow(/rank 0.5/);
    expect(() => shardOf(order, 0, 0)).toThrow(/shardOf worldSize must be an integer in \[1, /);
    expect(() => shardOf(order, 0, 1.5)).toThrow(/shardOf worldSize/);
  });
});

describe('batchesOf', () => {
  const shard = Int32Array.from([9, 8, 7, 6, 5, 4, 3]);

  it('keeps a short final batch by default', () => {
    expect(batchesOf(shard, 3).map((b) => [...b])).toEqual([[9, 8, 7], [6, 5, 4], [3]]);
  });

  it('drops it with dropLast', () => {
    expect(batchesOf(shard, 3, { dropLast: true }).map((b) => [...b])).toEqual([
      [9, 8, 7],
      [6, 5, 4],
    ]);
    expect(batchesOf(shard, 7, { dropLast: true }).map((b) => [...b])).toEqual([[9, 8, 7, 6, 5, 4, 3]]);
    expect(batchesOf(shard, 8, { dropLast: true })).toEqual([]);
  });

  it('handles an empty shard and returns independent copies', () => {
    expect(batchesOf(new Int32Array(0), 4)).toEqual([]);
    const [first] = batchesOf(shard, 2);
    expect(first?.buffer).not.toBe(shard.buffer);
  });

  it('rejects a non-positive batch size', () => {
    expect(() => batchesOf(shard, 0)).toThrow(/batchesOf batchSize must be an integer in \[1, /);
  });
});

describe('batchesPerEpoch', () => {
  it('counts the largest shard’s batches', () => {
    expect(batchesPerEpoch(7, 2, 2)).toBe(2); // shards 4 and 3 → 2 and 2 batches
    expect(batchesPerEpoch(7, 2, 2, { dropLast: true })).toBe(2); // 4 → 2 full, 3 → 1 full
    expect(batchesPerEpoch(200, 3, 10)).toBe(7); // 67 → 7
    expect(batchesPerEpoch(0, 4, 10)).toBe(0);
    expect(() => batchesPerEpoch(10, 0, 2)).toThrow(/batchesPerEpoch worldSize/);
  });
});
