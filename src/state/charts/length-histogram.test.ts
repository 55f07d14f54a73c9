import { expect, test } from 'vitest';
import { lengthHistogram } from './length-histogram';

test('counts each length in the bin whose [from, to) holds it', () => {
  const bins = lengthHistogram([0, 9, 10, 19, 20, 45], 10);
  expect(bins.map((b) => [b.from, b.to, b.count])).toEqual([
    [0, 10, 2],
    [10, 20, 2],
    [20, 30, 1],
    [30, 40, 0],
    [40, 50, 1],
  ]);
});

test('total count equals the number of proteins and the width is chosen from the longest protein', () => {
  const lengths = [67, 120, 312, 722, 180, 335, 309];
  const bins = lengthHistogram(lengths);
  expect(bins.reduce((sum, b) => sum + b.count, 0)).toBe(lengths.length);
  expect(bins[0]?.to).toBe(50); // 722 / 20 = 36.1 → next round width 50
  expect(lengthHistogram([])).toEqual([]);
});
