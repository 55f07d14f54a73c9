import { describe, expect, it } from 'vitest';
import { lrMultiplier } from './lr-multiplier';
import { LR_SCHEDULES } from './schedule-registry';
import { LR_SCHEDULES as LR_SCHEDULE_NAMES, type LrScheduleName } from '../../protocol/run-config';
import type { ScheduleShape } from './schedule-shape';

type StepSchedule = Exclude<LrScheduleName, 'plateau'>;
const shape = (totalSteps: number, warmupSteps: number, extra: Partial<ScheduleShape> = {}): ScheduleShape => ({
  totalSteps,
  warmupSteps,
  numCycles: 3,
  power: 1,
  lrEnd: 0,
  ...extra,
});

// Expected values derived by hand from the HF formulas (foldtree2-reference §4.2); p = (s − W) / (T − W).
// cos terms: p = 0.25 → 0.5(1 + cos π/4) = 0.5 + √2/4; restarts C = 3: (3·0.25) mod 1 = 0.75 → 0.5 − √2/4;
// p = 0.99 → 0.5(1 + cos 0.99π) = sin²(0.005π); restarts (2.97 mod 1 = 0.97) → sin²(0.015π).
const HALF_PLUS = 0.5 + Math.SQRT2 / 4; // 0.853553390593
const HALF_MINUS = 0.5 - Math.SQRT2 / 4; // 0.146446609407
const SIN2_0005PI = 0.0002467198171342; // sin²(0.005π)
const SIN2_0015PI = 0.0022190176984600574; // sin²(0.015π)

describe('step schedules with warm-up: T = 110, W = 10', () => {
  const s = shape(110, 10);
  const steps = [0, 1, 9, 10, 35, 60, 109, 110, 150]; // 0, 1, W−1, W, p = 0.25, p = 0.5, T−1, T, beyond
  const expected: Record<StepSchedule, number[]> = {
    // Warm-up s/W: step 0 runs at LR 0, as in HF and FoldTree2.
    linear: [0, 0.1, 0.9, 1, 0.75, 0.5, 0.01, 0, 0],
    // Beyond T HF's periodic lambda would give 0.5(1 + cos 1.4π) = 0.3455; we hold 0 (documented).
    cosine: [0, 0.1, 0.9, 1, HALF_PLUS, 0.5, SIN2_0005PI, 0, 0],
    cosine_restarts: [0, 0.1, 0.9, 1, HALF_MINUS, 0.5, SIN2_0015PI, 0, 0],
    polynomial: [0, 0.1, 0.9, 1, 0.75, 0.5, 0.01, 0, 0],
    none: [0, 0.1, 0.9, 1, 1, 1, 1, 1, 1],
  };
  for (const [name, values] of Object.entries(expected) as [StepSchedule, number[]][]) {
    it(name, () => {
      steps.forEach((step, k) =>
        expect(lrMultiplier(name, step, s, 1e-3), `${name} at step ${step}`).toBeCloseTo(values[k] ?? NaN, 12),
      );
    });
  }
});

describe('step schedules without warm-up: T = 100, W = 0', () => {
  const s = shape(100, 0);
  const steps = [0, 1, 25, 50, 99, 100, 150];
  const expected: Record<StepSchedule, number[]> = {
    linear: [1, 0.99, 0.75, 0.5, 0.01, 0, 0],
    // step 1: p = 0.01 → 0.5(1 + cos 0.01π) = cos²(0.005π); restarts: cos²(0.015π).
    cosine: [1, 1 - SIN2_0005PI, HALF_PLUS, 0.5, SIN2_0005PI, 0, 0],
    cosine_restarts: [1, 1 - SIN2_0015PI, HALF_MINUS, 0.5, SIN2_0015PI, 0, 0],
    polynomial: [1, 0.99, 0.75, 0.5, 0.01, 0, 0],
    none: [1, 1, 1, 1, 1, 1, 1],
  };
  for (const [name, values] of Object.entries(expected) as [StepSchedule, number[]][]) {
    it(name, () => {
      steps.forEach((step, k) =>
        expect(lrMultiplier(name, step, s, 1e-3), `${name} at step ${step}`).toBeCloseTo(values[k] ?? NaN, 12),
      );
    });
  }
});

describe('polynomial with power 2 and lrEnd 1e-4, base LR 1e-3', () => {
  // f = ((1e-3 − 1e-4)(1 − p)² + 1e-4) / 1e-3 = 0.9(1 − p)² + 0.1.
  it('follows the curve and ends at lrEnd / base', () => {
    const s = shape(110, 10, { power: 2, lrEnd: 1e-4 });
    const at = (step: number): number => lrMultiplier('polynomial', step, s, 1e-3);
    expect(at(5)).toBeCloseTo(0.5, 12); // warm-up
    expect(at(10)).toBeCloseTo(1, 12);
    expect(at(35)).toBeCloseTo(0.9 * 0.5625 + 0.1, 12); // 0.60625
    expect(at(60)).toBeCloseTo(0.9 * 0.25 + 0.1, 12); // 0.325
    expect(at(109)).toBeCloseTo(0.9 * 0.0001 + 0.1, 12); // 0.10009
    expect(at(110)).toBeCloseTo(0.1, 12);
    expect(at(500)).toBeCloseTo(0.1, 12);
  });

  it('uses each group its own base LR (HF reads one optimizer-wide LR)', () => {
    const s = shape(110, 10, { power: 1, lrEnd: 1e-4 });
    // base 2e-2 (a Muon group): f = ((2e-2 − 1e-4)·0.5 + 1e-4) / 2e-2 = 0.5025
    expect(lrMultiplier('polynomial', 60, s, 2e-2)).toBeCloseTo(0.5025, 12);
    expect(() => lrMultiplier('polynomial', 60, s, 1e-4)).toThrow(/lrEnd/);
  });

  it('does not divide by zero when T = W', () => {
    expect(lrMultiplier('polynomial', 10, shape(10, 10), 1e-3)).toBe(1);
    expect(lrMultiplier('polynomial', 11, shape(10, 10), 1e-3)).toBe(0);
  });
});

describe('cosine_restarts cycles', () => {
  it('restarts at 1 at each cycle boundary (C = 3, T = 300, W = 0)', () => {
    const s = shape(300, 0);
    expect(lrMultiplier('cosine_restarts', 99, s, 1)).toBeCloseTo(0.5 * (1 + Math.cos(Math.PI * 0.99)), 12);
    expect(lrMultiplier('cosine_restarts', 100, s, 1)).toBeCloseTo(1, 12);
    expect(lrMultiplier('cosine_restarts', 150, s, 1)).toBeCloseTo(0.5, 12);
    expect(lrMultiplier('cosine_restarts', 200, s, 1)).toBeCloseTo(1, 12);
  });
});

describe('lrMin floor', () => {
  const s = shape(110, 10);
  it('holds the LR at lrMin after warm-up, never during it', () => {
    // base 1e-3, lrMin 1e-4: floor multiplier 0.1.
    expect(lrMultiplier('linear', 0, s, 1e-3, 1e-4)).toBe(0);
    expect(lrMultiplier('linear', 5, s, 1e-3, 1e-4)).toBeCloseTo(0.5, 12);
    expect(lrMultiplier('linear', 60, s, 1e-3, 1e-4)).toBeCloseTo(0.5, 12);
    expect(lrMultiplier('linear', 105, s, 1e-3, 1e-4)).toBeCloseTo(0.1, 12); // 0.05 raised to 0.1
    expect(lrMultiplier('cosine', 110, s, 1e-3, 1e-4)).toBeCloseTo(0.1, 12);
    expect(lrMultiplier('cosine_restarts', 200, s, 1e-3, 1e-4)).toBeCloseTo(0.1, 12);
    expect(lrMultiplier('polynomial', 110, s, 1e-3, 1e-4)).toBeCloseTo(0.1, 12);
  });

  it('never lifts a group above its base LR', () => {
    expect(lrMultiplier('linear', 110, s, 1e-5, 1e-4)).toBe(1);
    expect(lrMultiplier('none', 50, s, 1e-3, 1e-4)).toBe(1);
  });
});

describe('registry', () => {
  it('lists every name once, plateau as the only epoch-driven entry', () => {
    expect(Object.keys(LR_SCHEDULES).sort()).toEqual([...LR_SCHEDULE_NAMES].sort());
    expect(LR_SCHEDULE_NAMES.filter((n) => LR_SCHEDULES[n].kind === 'plateau')).toEqual(['plateau']);
  });

  it('rejects non-integer or negative steps', () => {
    expect(() => lrMultiplier('linear', -1, shape(10, 0), 1)).toThrow(RangeError);
    expect(() => lrMultiplier('linear', 1.5, shape(10, 0), 1)).toThrow(RangeError);
  });
});
