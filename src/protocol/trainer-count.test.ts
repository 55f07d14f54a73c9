import { describe, expect, test } from 'vitest';
import { chooseTrainerCount, MAX_TRAINERS } from './trainer-count';

describe('chooseTrainerCount', () => {
  test('an explicit count is used as set, and clamped to the maximum', () => {
    expect(chooseTrainerCount(1, 16, 'webgpu')).toStrictEqual({
      count: 1,
      reason: '1 trainer, as set in training.workers.',
    });
    expect(chooseTrainerCount(6, 2, 'webgpu')).toStrictEqual({
      count: 6,
      reason: '6 trainers, as set in training.workers.',
    });
    expect(chooseTrainerCount(8, undefined, 'cpu').count).toBe(8);
    expect(chooseTrainerCount(12, 64, 'wasm')).toStrictEqual({
      count: MAX_TRAINERS,
      reason: '12 trainers requested; a run has at most 8, so 8 start.',
    });
  });

  test('auto on WebGPU: min(4, max(1, floor(cores / 2)))', () => {
    const counts = [1, 2, 3, 4, 5, 7, 8, 9, 16, 128].map((cores) => chooseTrainerCount(0, cores, 'webgpu').count);
    expect(counts).toStrictEqual([1, 1, 1, 2, 2, 3, 4, 4, 4, 4]);
    expect(chooseTrainerCount(0, 8, 'webgpu').reason).toBe(
      'Auto: 4 trainers for 8 CPU cores; all trainers share one GPU, so more than 4 rarely helps.',
    );
  });

  test('auto on wasm and cpu: max(1, min(8, cores − 1))', () => {
    for (const backend of ['wasm', 'cpu'] as const) {
      const counts = [1, 2, 3, 4, 8, 9, 10, 32].map((cores) => chooseTrainerCount(0, cores, backend).count);
      expect(counts, backend).toStrictEqual([1, 1, 2, 3, 7, 8, 8, 8]);
    }
    expect(chooseTrainerCount(0, 4, 'wasm').reason).toBe(
      'Auto: 3 trainers on the wasm backend, one per CPU core of 4 keeping one for the page.',
    );
    expect(chooseTrainerCount(0, 32, 'cpu').reason).toBe(
      'Auto: 8 trainers on the cpu backend, one per CPU core of 32 keeping one for the page (at most 8).',
    );
  });

  test('auto without a usable core count starts one trainer and says why', () => {
    for (const cores of [undefined, 0, -2, 2.5, Number.NaN]) {
      expect(chooseTrainerCount(0, cores, 'wasm')).toStrictEqual({
        count: 1,
        reason: 'Auto: 1 trainer, since the browser does not report its CPU cores.',
      });
    }
  });

  test('refuses a negative or fractional request', () => {
    expect(() => chooseTrainerCount(-1, 8, 'cpu')).toThrow(RangeError);
    expect(() => chooseTrainerCount(1.5, 8, 'cpu')).toThrow('whole number ≥ 0, got 1.5');
  });
});
