import { describe, expect, it } from 'vitest';
import type { MainThreadRecord } from './main-thread-probe';
import { describeSummary, summarizeWindow } from './main-thread-summary';

const record: MainThreadRecord = {
  now: 20_000,
  longTasks: [
    { start: 500, duration: 300 },
    { start: 12_000, duration: 60 },
    { start: 15_000, duration: 120 },
  ],
  frames: Array.from({ length: 1200 }, (_, k) => k * (20_000 / 1200)),
  echoes: [
    { at: 11_000, ms: 20, target: 'config-learningRate' },
    { at: 13_000, ms: 40, target: 'config-learningRate' },
    { at: 16_000, ms: 90, target: 'chart-smoothing' },
  ],
  events: [
    { name: 'keydown', start: 13_000, duration: 24, target: 'config-learningRate' },
    { name: 'click', start: 1_000, duration: 200, target: 'run-start' },
  ],
};

describe('summarizeWindow', () => {
  it('counts blocking time beyond 50 ms per task, the longest task, frames, echoes and events in the window', () => {
    const after = summarizeWindow(record, 10_000);
    expect(after.wallMs).toBe(10_000);
    expect(after.longTasks).toBe(2);
    expect(after.over100ms).toBe(1);
    expect(after.blockingMs).toBe(10 + 70);
    expect(after.blockingShare).toBeCloseTo(0.008, 10);
    expect(after.longTaskShare).toBeCloseTo(0.018, 10);
    expect(after.longestMs).toBe(120);
    expect(after.framesPerSecond).toBeCloseTo(60, 0);
    expect(after.echoMaxMs).toBe(90);
    expect(after.echoMedianMs).toBe(40);
    expect(after.eventMaxMs).toBe(24);
    expect(describeSummary(after)).toContain('blocking 0.8 %');

    const whole = summarizeWindow(record, 0, 20_000);
    expect(whole.longestMs).toBe(300);
    expect(whole.eventMaxMs).toBe(200);
    const quiet = summarizeWindow(record, 16_500, 17_000);
    expect(quiet.longTasks).toBe(0);
    expect(quiet.echoMaxMs).toBeNull();
    expect(quiet.eventMaxMs).toBeNull();
  });
});
