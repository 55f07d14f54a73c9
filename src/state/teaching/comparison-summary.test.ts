import { describe, expect, test } from 'vitest';
import {
  armSentence,
  armSummary,
  bandOf,
  comparisonFindings,
  FINAL_STEPS,
  finalValues,
  perplexityRatio,
  spreadOf,
  type ComparisonPoint,
} from './comparison-summary';

const point = (step: number, perplexity: number, usedCodes = perplexity, reconstruction = 4): ComparisonPoint => ({
  step,
  commitmentCost: 1,
  perplexity,
  usedCodes,
  reconstruction,
});

describe('finalValues', () => {
  test('the mean of the last five steps', () => {
    const points = [1, 2, 3, 4, 5, 6, 7].map((step) => point(step, step * 2));
    expect(FINAL_STEPS).toBe(5);
    // Steps 3–7: perplexities 6, 8, 10, 12, 14 → 10.
    expect(finalValues(points)).toEqual({
      step: 7,
      commitmentCost: 1,
      perplexity: 10,
      usedCodes: 10,
      reconstruction: 4,
    });
    expect(finalValues([point(1, 3)])?.perplexity).toBe(3);
    expect(finalValues([])).toBeNull();
  });
});

describe('spreads, bands and arm summaries', () => {
  test('spreadOf skips non-finite values', () => {
    expect(spreadOf([1, NaN, 3, 8])).toEqual({ mean: 4, min: 1, max: 8, count: 3 });
    expect(spreadOf([]).count).toBe(0);
  });

  test('bandOf: per step the mean, lowest and highest over the runs that reached it', () => {
    const band = bandOf([[point(1, 2), point(2, 4)], [point(1, 4)], [point(1, 6), point(2, 8)]], 'perplexity');
    expect(band).toEqual([
      { step: 1, mean: 4, low: 2, high: 6 },
      { step: 2, mean: 6, low: 4, high: 8 },
    ]);
  });

  test('armSummary over seeds, its sentence, and the ratio of arms', () => {
    const constant = armSummary('constant', 'constant β', [[point(80, 12, 15)], [point(80, 10, 13)]]);
    const cosine = armSummary('cosine', 'cosine warm-up', [[point(80, 2, 3)], [point(80, 4, 5)]]);
    if (!constant || !cosine) throw new Error('no summary');
    expect(constant.perplexity).toEqual({ mean: 11, min: 10, max: 12, count: 2 });
    expect(armSentence(constant, 32)).toBe('constant β: 14 of 32 codes in use at step 80 (perplexity 11, seeds 10–12)');
    expect(armSentence(cosine, 32)).toBe(
      'cosine warm-up: 4.0 of 32 codes in use at step 80 (perplexity 3.0, seeds 2.0–4.0)',
    );
    expect(perplexityRatio([constant, cosine])).toBeCloseTo(11 / 3, 12);
    expect(armSummary('x', 'x', [[]])).toBeNull();
    const flat = armSummary('cosine', 'cosine warm-up', [[point(80, 1, 1)], [point(80, 1, 1)]]);
    if (!flat) throw new Error('no summary');
    expect(armSentence(flat, 32)).toBe(
      'cosine warm-up: 1.0 of 32 codes in use at step 80 (perplexity 1.0, every seed)',
    );
  });
});

describe('comparisonFindings', () => {
  test('names the arm with most and fewest codes, the ratio, and whether reconstruction differs beyond the seeds', () => {
    const constant = armSummary('constant', 'constant β', [[point(80, 12, 15, 4.2)], [point(80, 10, 13, 4.3)]]);
    const cosine = armSummary('cosine', 'cosine warm-up', [[point(80, 2, 3, 4.21)], [point(80, 4, 5, 4.29)]]);
    if (!constant || !cosine) throw new Error('no summary');
    const findings = comparisonFindings([cosine, constant], 32);
    expect(findings[0]).toBe(
      'cosine warm-up: 4.0 of 32 codes in use at step 80 (perplexity 3.0, seeds 2.0–4.0); constant β: 14 of 32 codes in use at step 80 (perplexity 11, seeds 10–12).',
    );
    expect(findings[1]).toBe('constant β ends with 3.7× the perplexity of cosine warm-up.');
    expect(findings[2]).toMatch(
      /^Reconstruction loss is the same within the seed spread \(schedules 0\.000 apart, seeds up to 0\.100\)/,
    );
    const apart = armSummary('cosine', 'cosine warm-up', [[point(80, 2, 3, 3.0)], [point(80, 4, 5, 3.05)]]);
    if (!apart) throw new Error('no summary');
    expect(comparisonFindings([constant, apart], 32)[2]).toBe(
      'Reconstruction loss differs between the schedules (by 1.225) by more than between seeds (0.100).',
    );
    expect(comparisonFindings([constant], 32)).toEqual([]);
  });
});
