import { describe, expect, test } from 'vitest';
import { codebookStatistics, perplexityOf } from './codebook-statistics';

describe('codebookStatistics', () => {
  test('batch counts (1, 2, 0): usage, perplexity 3/2^(2/3), utilisation 2/3, dead = never used', () => {
    const stats = codebookStatistics(Float32Array.from([1, 2, 0]));
    expect(stats.usage).toEqual([1 / 3, 2 / 3, 0]);
    expect(stats.perplexity).toBeCloseTo(3 / 2 ** (2 / 3), 12);
    expect(stats.usedCodes).toBe(2);
    expect(stats.utilisation).toBeCloseTo(2 / 3, 12);
    expect(stats.deadCodes).toEqual([2]);
    expect(stats.emaUsage).toBeUndefined();
  });

  test('with EMA sizes, dead means EMA size below the threshold, and EMA usage has its own perplexity', () => {
    const stats = codebookStatistics([1, 2, 0, 5], [0.5, 0.005, 0.5, 1], 0.01);
    expect(stats.deadCodes).toEqual([1]);
    // Sizes ∝ (100, 1, 100, 200), total 401.
    const p = [100, 1, 100, 200].map((w) => w / 401);
    stats.emaUsage?.forEach((u, k) => expect(u).toBeCloseTo(p[k] ?? NaN, 12));
    expect(stats.emaUsage).toHaveLength(4);
    expect(stats.emaPerplexity).toBeCloseTo(Math.exp(-p.reduce((h, x) => h + x * Math.log(x), 0)), 10);
  });

  test('perplexity: uniform use gives K, one code gives 1, an empty batch gives 1 and usage 0', () => {
    expect(perplexityOf([4, 4, 4, 4, 4])).toBeCloseTo(5, 12);
    expect(perplexityOf([0, 9, 0])).toBe(1);
    const empty = codebookStatistics([0, 0]);
    expect(empty.perplexity).toBe(1);
    expect(empty.usage).toEqual([0, 0]);
    expect(empty.deadCodes).toEqual([0, 1]);
    expect(() => codebookStatistics([1, 2], [1])).toThrow(/2 counts/);
  });
});
