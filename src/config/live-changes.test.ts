import { describe, expect, test } from 'vitest';
import { withLiveChanges } from './live-changes';
import { defaultRunConfig } from './run-config-values';

describe('changes while training', () => {
  test('apply learning rates (scaled by the trainer factor), loss weights, the commitment schedule and pLDDT masking', () => {
    const base = defaultRunConfig();
    const next = withLiveChanges(
      base,
      [
        { path: 'optimizer.adamwLr', value: 0.001 },
        { path: 'losses.vqWeight', value: 0.5 },
        { path: 'vq.commitmentSchedule', value: 'linear' },
        { path: 'masking.plddtThreshold', value: 0.5 },
      ],
      2,
    );
    expect(next.optimizer.adamwLr).toBe(0.002);
    expect(next.losses.vqWeight).toBe(0.5);
    expect(next.vq.commitmentSchedule).toBe('linear');
    expect(next.masking.plddtThreshold).toBe(0.5);
    expect(next.optimizer.muonLr).toBe(base.optimizer.muonLr);
    expect(base.optimizer.adamwLr).toBe(3e-4);
  });

  test('refuse keys fixed for the run and values out of range, naming them', () => {
    const base = defaultRunConfig();
    expect(() => withLiveChanges(base, [{ path: 'training.batchSize', value: 8 }])).toThrow(
      /^training\.batchSize cannot change while a run trains/,
    );
    expect(() => withLiveChanges(base, [{ path: 'masking.plddtThreshold', value: 2 }])).toThrow(
      /^masking\.plddtThreshold: expected/,
    );
  });
});
