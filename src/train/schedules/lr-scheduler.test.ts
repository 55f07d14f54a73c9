import { describe, expect, it } from 'vitest';
import { LR_SCHEDULE_DEFAULTS, LrScheduler, parseLrSchedulerState, type LrScheduleOptions } from './lr-scheduler';
import { countOptimizerSteps, resolveWarmupSteps } from './warmup';

const BASE = { muon: 0.02, adamw: 1e-4 };
const scheduler = (options: Partial<LrScheduleOptions>, totalSteps = 110): LrScheduler<'muon' | 'adamw'> =>
  new LrScheduler({ ...LR_SCHEDULE_DEFAULTS, ...options }, totalSteps, BASE);

describe('warm-up and run length', () => {
  it('W = int(T·ratio) when ratio > 0 (Python truncation), else the step count', () => {
    expect(resolveWarmupSteps(22_500, 0.1, 0)).toBe(2250); // FoldTree2's Feb-2026 benchmark runs
    expect(resolveWarmupSteps(100, 0.57, 5)).toBe(56); // 100·0.57 = 56.99999999999999 → 56, as int() gives
    expect(resolveWarmupSteps(100, 0, 7)).toBe(7);
    expect(() => resolveWarmupSteps(100, 1.5, 0)).toThrow(RangeError);
  });

  it('T counts every optimizer step, leftover windows included', () => {
    expect(countOptimizerSteps(700, 100, 1)).toBe(70_000);
    expect(countOptimizerSteps(450, 100, 2)).toBe(22_500);
    expect(countOptimizerSteps(5, 10, 2)).toBe(30); // FoldTree2: T = 25, 20 scheduler steps taken
  });
});

describe('LrScheduler', () => {
  it('applies each schedule per group as a multiplier of the group base LR', () => {
    const s = scheduler({ schedule: 'linear', warmupRatio: 0.1 }); // T 110 → W 11
    expect(s.shape.warmupSteps).toBe(11);
    expect(s.lrs(0)).toEqual({ muon: 0, adamw: 0 });
    const mid = s.lrs(60.0); // p = 49/99
    expect(mid.muon).toBeCloseTo(0.02 * (50 / 99), 15);
    expect(mid.adamw).toBeCloseTo(1e-4 * (50 / 99), 15);
  });

  it('applies lrMin per group without lifting a group above its base', () => {
    const s = scheduler({ schedule: 'cosine', lrMin: 1e-3 });
    expect(s.lrs(110)).toEqual({ muon: 1e-3, adamw: 1e-4 });
  });

  it('plateau: warm-up ramps to the plateau level, reductions follow endEpoch', () => {
    const s = scheduler({ schedule: 'plateau', warmupSteps: 10 });
    expect(s.lrs(0)).toEqual({ muon: 0, adamw: 0 });
    expect(s.lr('muon', 5)).toBeCloseTo(0.01, 15);
    // Epochs ending inside warm-up (step < 10) never count as bad.
    expect([1, 2, 2, 2].map((v) => s.endEpoch(v, 8))).toEqual([false, false, false, false]);
    expect(s.lr('muon', 20)).toBeCloseTo(0.02, 15);
    expect([2, 2, 2].map((v) => s.endEpoch(v, 30))).toEqual([false, false, true]);
    expect(s.lr('muon', 40)).toBeCloseTo(0.002, 15);
    expect(s.lr('adamw', 40)).toBeCloseTo(1e-5, 15);
  });

  it('plateau floors at lrMin', () => {
    const s = scheduler({
      schedule: 'plateau',
      lrMin: 1e-3,
      plateau: { ...LR_SCHEDULE_DEFAULTS.plateau, patience: 0 },
    });
    [1, 1, 1].forEach((v) => s.endEpoch(v, 50));
    expect(s.lrs(60)).toEqual({ muon: 1e-3, adamw: 1e-4 });
  });

  it('step schedules ignore endEpoch', () => {
    const s = scheduler({ schedule: 'cosine' });
    expect([1, 1, 1, 1, 1].map((v) => s.endEpoch(v, 50))).toEqual([false, false, false, false, false]);
    expect(s.state()).toEqual({ schedule: 'cosine', plateau: null });
  });

  it('state round-trips through JSON', () => {
    const a = scheduler({ schedule: 'plateau' });
    [1, 1, 1, 1].forEach((v) => a.endEpoch(v, 50));
    const b = scheduler({ schedule: 'plateau' });
    b.load(parseLrSchedulerState(JSON.parse(JSON.stringify(a.state())) as unknown));
    expect(b.lrs(60)).toEqual(a.lrs(60));
    expect(b.state()).toEqual(a.state());
    expect(() => scheduler({ schedule: 'linear' }).load(a.state())).toThrow(/plateau/);
    expect(() => parseLrSchedulerState({ schedule: 'exponential', plateau: null })).toThrow();
  });
});
