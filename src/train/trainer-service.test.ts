import h5wasm from 'h5wasm/node';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import type { TrainerEvent } from '../protocol/trainer-messages';
import { decodeCheckpoint } from './checkpoint-codec';
import { createTrainerService } from './trainer-service';
import { smallRunConfig } from './testing-sample-source.node';

const SAMPLE = fileURLToPath(new URL('../../public/sample/sample-structs.h5', import.meta.url));

test('a run starts, streams metrics, pauses, resumes, saves a checkpoint and stops, in that order', async () => {
  const events: TrainerEvent[] = [];
  let steps = 0;
  let service: ReturnType<typeof createTrainerService>;
  service = createTrainerService(
    {
      h5: h5wasm,
      openDataset: async () => ({ path: SAMPLE, name: 'sample-structs.h5', release: () => undefined }),
      prepareBackend: async () => ({ backend: 'cpu', features: [] }),
      post: (event) => events.push(event),
      // Steer the run from inside the loop, as page messages would arrive between steps.
      yieldToEvents: async () => {
        steps++;
        if (steps === 3) void service.handle({ type: 'pause' });
        if (steps === 6) void service.handle({ type: 'stop' });
      },
      now: () => steps * 1000,
    },
    0,
  );
  const config = smallRunConfig({ training: { batchSize: 2 }, data: { maxResidues: 16 } });
  await service.handle({ type: 'start', config: { ...config, precision: { ...config.precision, mixedPrecision: true } }, dataset: { kind: 'sample', url: SAMPLE, name: 'sample-structs.h5' } });
  await service.handle({ type: 'save-checkpoint' });
  await service.handle({ type: 'resume' });
  const kinds = events.map((e) => (e.type === 'state' ? `state:${e.state}` : e.type));
  expect(kinds.slice(0, 3)).toEqual(['state:starting', 'info', 'log']);
  expect(kinds).toContain('state:paused');
  expect(kinds.indexOf('checkpoint')).toBeGreaterThan(kinds.indexOf('state:paused'));
  expect(kinds.filter((k) => k.startsWith('state:'))).toEqual(['state:starting', 'state:running', 'state:paused', 'state:running', 'state:stopped']);
  const info = events.find((e) => e.type === 'info');
  expect(info?.type === 'info' && info.info).toMatchObject({ backend: 'cpu', precision: 'f32 (no shader-f16)', proteins: 182, inputWidth: 41 });
  const log = events.find((e) => e.type === 'log');
  expect(log?.type === 'log' && log.message).toBe('precision: f32 (no shader-f16)');
  const points = events.flatMap((e) => (e.type === 'metrics' ? e.points : []));
  expect(points.map((p) => p.step).slice(0, 3)).toEqual([1, 2, 3]);
  const checkpoint = events.find((e) => e.type === 'checkpoint');
  expect(checkpoint?.type === 'checkpoint' && (decodeCheckpoint(checkpoint.bytes) as { counters: { optimizerStep: number } }).counters.optimizerStep).toBe(3);
}, 120_000);

test('a pause and resume while a step is in flight keep one step loop, and stop lets the step finish', async () => {
  const events: TrainerEvent[] = [];
  let steps = 0;
  const service: ReturnType<typeof createTrainerService> = createTrainerService(
    {
      h5: h5wasm,
      openDataset: async () => ({ path: SAMPLE, name: 'sample-structs.h5', release: () => undefined }),
      prepareBackend: async () => ({ backend: 'cpu', features: [] }),
      post: (event) => events.push(event),
      yieldToEvents: async () => {
        steps++;
        if (steps === 2) {
          void service.handle({ type: 'pause' });
          void service.handle({ type: 'resume' });
        }
        if (steps === 4) void service.handle({ type: 'stop' });
      },
      now: () => steps * 1000,
    },
    0,
  );
  await service.handle({ type: 'start', config: smallRunConfig({ data: { maxResidues: 16 } }), dataset: { kind: 'sample', url: SAMPLE, name: 'sample-structs.h5' } });
  const stepsSeen = events.flatMap((e) => (e.type === 'metrics' ? e.points.map((p) => p.step) : []));
  expect(stepsSeen).toEqual([1, 2, 3, 4]);
  const states = events.flatMap((e) => (e.type === 'state' ? [e.state] : []));
  expect(states).toEqual(['starting', 'running', 'paused', 'running', 'stopped']);
}, 120_000);
