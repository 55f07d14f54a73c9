/** Pause, resume, stop, a step limit and live learning-rate changes through the coordinator. */
import { expect, test } from 'vitest';
import { smallRunConfig } from '../trainer/testing-sample-source.node';
import { parallelHarness, SAMPLE_DATASET } from '../parallel/testing-parallel-run.node';
import { isCheckpoint, runOnUntil, save, states, steps } from './testing-coordinator-runs.node';

test('pause, resume and stop take effect between steps, in order', async () => {
  const h = parallelHarness(1, { onStep: (step, self) => step === 2 && void self.handle({ type: 'pause' }) });
  await h.handle({ type: 'start', config: smallRunConfig({ data: { maxResidues: 16 } }), dataset: SAMPLE_DATASET });
  const checkpoint = await save(h);
  expect(checkpoint.step).toBe(2);
  await runOnUntil(h, { type: 'resume' }, 3, { type: 'stop' });
  expect(states(h)).toEqual(['starting', 'running', 'paused', 'running', 'stopped']);
  expect(steps(h).slice(0, 3)).toEqual([1, 2, 3]);
  h.close();
}, 120_000);

test('training.maxSteps ends a 2-trainer run after that many steps, with a final checkpoint kept for download', async () => {
  const h = parallelHarness(2);
  await h.handle({
    type: 'start',
    config: smallRunConfig({ training: { batchSize: 2, workers: 2, maxSteps: 3 } }),
    dataset: SAMPLE_DATASET,
  });
  expect(steps(h)).toEqual([1, 2, 3]);
  expect(states(h).at(-1)).toBe('finished');
  const final = h.events.find(isCheckpoint);
  expect(final?.type === 'checkpoint' && { step: final.step, final: final.final }).toEqual({ step: 3, final: true });
  h.close();
}, 120_000);

test('a learning rate changed while training applies from the next optimizer step on every trainer, and is announced with that step', async () => {
  const base = smallRunConfig({ training: { batchSize: 2, workers: 2, checksumEvery: 1 } });
  const config = { ...base, schedule: { ...base.schedule, lrSchedule: 'none' as const, lrWarmupSteps: 0 } };
  const h = parallelHarness(2, {
    onStep: (step, self) => {
      if (step === 2)
        void self.handle({ type: 'set-hyperparameters', changes: [{ path: 'optimizer.adamwLr', value: 0.001 }] });
      if (step === 4) void self.handle({ type: 'stop' });
    },
  });
  await h.handle({ type: 'start', config, dataset: SAMPLE_DATASET });
  const adamw = h.events.flatMap((e) => (e.type === 'metrics' ? e.points.map((p) => p.learningRates['adamw']) : []));
  expect(adamw).toEqual([3e-4, 3e-4, 0.001, 0.001]);
  const changed = h.events.find((e) => e.type === 'hyperparameters-changed');
  expect(changed?.type === 'hyperparameters-changed' && changed.step).toBe(3);
  // Both replicas took the change at the same step: the checksums compared after every step never differed.
  expect(h.events.some((e) => e.type === 'fault')).toBe(false);
  h.close();
}, 120_000);
