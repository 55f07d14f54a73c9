import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A Map-backed Storage: Node has no localStorage, and the store must be created with one to persist. */
class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const storage = new MemoryStorage();
storage.setItem(
  'foldtree-studio/chart-options/v1',
  JSON.stringify({ state: { smoothing: 0.3, xAxis: 'time', ignoreOutliers: true, logY: { loss: true } }, version: 1 }),
);
vi.stubGlobal('localStorage', storage);
// Imported after the stub: the store reads its stored value when it is created.
const options = await import('./chart-options');
const { useChartOptions, CHART_OPTIONS_KEY, DEFAULT_CHART_OPTIONS } = options;

const stored = () => JSON.parse(storage.getItem(CHART_OPTIONS_KEY) ?? 'null') as { state: unknown; version: number };

describe('chart options', () => {
  it('starts from what was stored under the versioned key', () => {
    expect(CHART_OPTIONS_KEY).toBe('foldtree-studio/chart-options/v1');
    expect(useChartOptions.getState()).toEqual({
      smoothing: 0.3,
      xAxis: 'time',
      ignoreOutliers: true,
      logY: { loss: true },
    });
  });

  describe('after a reset', () => {
    beforeEach(() => options.resetChartOptions());

    it('stores each change', () => {
      expect(stored()).toEqual({ state: DEFAULT_CHART_OPTIONS, version: 1 });
      options.setSmoothing(0.85);
      options.setXAxis('time');
      options.setIgnoreOutliers(true);
      options.setLogY('grad', false);
      options.setLogY('loss', true);
      expect(stored().state).toEqual({
        smoothing: 0.85,
        xAxis: 'time',
        ignoreOutliers: true,
        logY: { grad: false, loss: true },
      });
    });

    it('clamps smoothing to [0, 0.99] and reads NaN as 0', () => {
      options.setSmoothing(1.5);
      expect(useChartOptions.getState().smoothing).toBe(0.99);
      options.setSmoothing(-1);
      expect(useChartOptions.getState().smoothing).toBe(0);
      options.setSmoothing(NaN);
      expect(useChartOptions.getState().smoothing).toBe(0);
    });

    it('a chart’s log axis is the user’s choice, else the chart’s default', () => {
      const state = () => useChartOptions.getState();
      expect(options.selectLogY(state(), 'lr', true)).toBe(true);
      options.setLogY('lr', false);
      expect(options.selectLogY(state(), 'lr', true)).toBe(false);
      expect(options.selectLogY(state(), 'loss', false)).toBe(false);
    });

    it('a stored value that is broken or edited by hand falls back field by field', async () => {
      storage.setItem(
        CHART_OPTIONS_KEY,
        JSON.stringify({
          state: { smoothing: 7, xAxis: 'wall', ignoreOutliers: true, logY: { lr: 'yes', grad: false } },
          version: 1,
        }),
      );
      await useChartOptions.persist.rehydrate();
      expect(useChartOptions.getState()).toEqual({
        smoothing: DEFAULT_CHART_OPTIONS.smoothing,
        xAxis: 'step',
        ignoreOutliers: true,
        logY: { grad: false },
      });
      expect(options.sanitizeChartOptions('nonsense')).toBe(DEFAULT_CHART_OPTIONS);
      expect(options.sanitizeChartOptions(null)).toBe(DEFAULT_CHART_OPTIONS);
    });
  });
});
