import { describe, expect, it } from 'vitest';
import type { MainThreadSummary } from './main-thread-summary';
import type { PageSmoothnessResult } from './page-smoothness';
import { DEFAULT_PAGE_SMOOTHNESS } from './page-smoothness';
import { pageSmoothnessMarkdown } from './page-smoothness-report';

const summary = (overrides: Partial<MainThreadSummary> = {}): MainThreadSummary => ({
  wallMs: 60_000,
  longTasks: 3,
  over100ms: 0,
  blockingMs: 600,
  blockingShare: 0.01,
  longTaskShare: 0.03,
  longestMs: 80,
  framesPerSecond: 58,
  echoSamples: 40,
  echoMaxMs: 42,
  echoMedianMs: 12,
  eventMaxMs: 48,
  ...overrides,
});

const result = (after10s: MainThreadSummary): PageSmoothnessResult => ({
  options: DEFAULT_PAGE_SMOOTHNESS,
  realSteps: 120,
  lastStep: 5_120,
  whole: summary(),
  after10s,
  real: summary(),
  ramp: summary(),
  hold: summary(),
});

describe('pageSmoothnessMarkdown', () => {
  it('tables every phase and says which bounds hold', () => {
    const text = pageSmoothnessMarkdown(result(summary()));
    expect(text).toContain('| real training | 60 s | 1.0 % | 3.0 % | 3 | 0 | 80 ms | 58 | 12 ms | 42 ms | 48 ms |');
    expect(text).toContain('- holds: blocking ≤ 5.0 % of wall time (whole run: 1.0 %)');
    expect(text).toContain('- holds: no long task over 100 ms after the first 10 s (longest: 80 ms)');
    expect(text).toContain('- holds: input echo under 100 ms (largest: 42 ms)');
  });

  it('says plainly when a bound does not hold', () => {
    const text = pageSmoothnessMarkdown(result(summary({ longestMs: 180, echoMaxMs: 130 })));
    expect(text).toContain('- DOES NOT HOLD: no long task over 100 ms after the first 10 s (longest: 180 ms)');
    expect(text).toContain('- DOES NOT HOLD: input echo under 100 ms (largest: 130 ms)');
  });
});
