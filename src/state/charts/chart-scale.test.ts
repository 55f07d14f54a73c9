import { describe, expect, it } from 'vitest';
import { niceAxis, quantileSorted, robustDomain } from './chart-scale';

// Sorted: −2, −1.5, 0.5, 2, 3.25, 4, 4, 7.5, 9, 12, 100 (11 values, one far outlier).
const VALUES = [7.5, -2, 3.25, 100, 0.5, 12, 4, 4, -1.5, 9, 2];

describe('quantileSorted', () => {
  it('interpolates linearly between ranks like numpy.percentile', () => {
    const sorted = [...VALUES].sort((a, b) => a - b);
    // By hand: q·(n−1) = 0.1 → −2 + 0.1·0.5; 9.9 → 12 + 0.9·88; 2.5 → 0.5 + 0.5·1.5; 5 → 4.
    // numpy 1.24 gives −1.95, 91.20000000000003, 1.25, 4.0.
    expect(quantileSorted(sorted, 0.01)).toBeCloseTo(-1.95, 12);
    expect(quantileSorted(sorted, 0.99)).toBeCloseTo(91.2, 12);
    expect(quantileSorted(sorted, 0.25)).toBe(1.25);
    expect(quantileSorted(sorted, 0.5)).toBe(4);
    expect(quantileSorted(sorted, 0)).toBe(-2);
    expect(quantileSorted(sorted, 1)).toBe(100);
    expect(quantileSorted([], 0.5)).toBeNaN();
    expect(() => quantileSorted(sorted, 1.5)).toThrow(RangeError);
  });
});

describe('robustDomain', () => {
  it('spans the 1st–99th percentile plus 5 % padding each side', () => {
    // Span 91.2 − (−1.95) = 93.15; padding 4.6575 (numpy: −6.6075, 95.8575).
    const [low, high] = robustDomain(VALUES) ?? [NaN, NaN];
    expect(low).toBeCloseTo(-6.6075, 10);
    expect(high).toBeCloseTo(95.8575, 10);
  });

  it('keeps a single spike in 1,000 points out of the range', () => {
    const values = Array.from({ length: 1000 }, (_, k) => 1 + (k % 10) / 10); // 1.0 … 1.9
    values[500] = 1e6;
    const [low, high] = robustDomain(values) ?? [NaN, NaN];
    // 1st percentile 1.0, 99th 1.9 (the spike is above rank 989): padded by 0.045.
    expect(low).toBeCloseTo(0.955, 10);
    expect(high).toBeCloseTo(1.945, 10);
  });

  it('on a log axis works in log10 space and ignores values ≤ 0', () => {
    // Positive values only; numpy on log10 of them: 0.43468516506319477, 108.46621476438573.
    const [low, high] = robustDomain(VALUES, { log: true }) ?? [NaN, NaN];
    expect(low).toBeCloseTo(0.43468516506319477, 10);
    expect(high).toBeCloseTo(108.46621476438573, 9);
    expect(robustDomain([-1, 0], { log: true })).toBeNull();
  });

  it('gives a flat series a range around it, and null when nothing finite is left', () => {
    expect(robustDomain([2, 2, 2])).toEqual([1.9, 2.1]);
    expect(robustDomain([-3, -3])).toEqual([-3.15, -2.85]);
    // No negative value: the range stops at 0 rather than padding below it.
    expect(robustDomain([0, 0])).toEqual([0, 1]);
    // Percentiles 3.02 and 4.98, padded by 0.098: a low bound above 0 is kept.
    const [low3, high3] = robustDomain([3, 5, 4]) ?? [NaN, NaN];
    expect(low3).toBeCloseTo(2.922, 12);
    expect(high3).toBeCloseTo(5.078, 12);
    const [low, high] = robustDomain([10, 10], { log: true }) ?? [NaN, NaN];
    expect(low).toBeCloseTo(10 ** 0.9, 12);
    expect(high).toBeCloseTo(10 ** 1.1, 12);
    expect(robustDomain([NaN, Infinity])).toBeNull();
    expect(robustDomain([])).toBeNull();
  });

  it('honours other percentiles and padding, and rejects inverted ones', () => {
    expect(robustDomain([0, 1, 2, 3, 4], { lower: 0.25, upper: 0.75, padding: 0 })).toEqual([1, 3]);
    expect(robustDomain([0.5, 1, 2, 3, 4], { lower: 0, upper: 1, padding: 0.25 })).toEqual([0, 4.875]);
    expect(() => robustDomain([1], { lower: 0.9, upper: 0.1 })).toThrow(RangeError);
  });
});

describe('niceAxis', () => {
  it('rounds a range out to multiples of a 1/2/2.5/5 × 10ᵏ step about a fifth of it, with a tick at each', () => {
    expect(niceAxis([0.214, 4.51])).toEqual({ domain: [0, 5], ticks: [0, 1, 2, 3, 4, 5] }); // span 4.3 → step 1
    expect(niceAxis([-0.3, 7.2])).toEqual({ domain: [-2, 8], ticks: [-2, 0, 2, 4, 6, 8] }); // span 7.5 → step 2
    expect(niceAxis([12, 118]).ticks).toEqual([0, 25, 50, 75, 100, 125]); // span 106 → step 25
    expect(niceAxis([0.8, 2]).ticks).toEqual([0.75, 1, 1.25, 1.5, 1.75, 2]); // span 1.2 → step 0.25
    expect(niceAxis([0.00123, 0.00456]).ticks).toEqual([0.001, 0.002, 0.003, 0.004, 0.005]); // step 0.001
    expect(niceAxis([0.95, 1.05]).ticks).toEqual([0.95, 0.975, 1, 1.025, 1.05]); // span 0.1 (+ rounding) → 0.025
    expect(niceAxis([0.1, 0.7]).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8]); // span 0.6 → step 0.2
    expect(niceAxis([0.1, 0.55]).ticks).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]); // step 0.1: 0.3, not 3 × 0.1
  });

  it('keeps a flat range as it is', () => {
    expect(niceAxis([3, 3])).toEqual({ domain: [3, 3], ticks: [3, 3] });
  });
});
