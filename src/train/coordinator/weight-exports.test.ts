/** Weight downloads while a run is paused: studio and FoldTree2 names, and a run started from them. */
import { expect, test } from 'vitest';
import { smallRunConfig } from '../trainer/testing-sample-source.node';
import { runUntil, save, states, steps } from './testing-coordinator-runs.node';

test('while paused, one step at a time; the current weights download as safetensors with every parameter', async () => {
  const h = await runUntil(2, 2, smallRunConfig({ training: { batchSize: 2, workers: 2 } }));
  await h.handle({ type: 'step-once' });
  await h.handle({ type: 'step-once' });
  expect(steps(h)).toEqual([1, 2, 3, 4]);
  expect(states(h).at(-1)).toBe('paused');
  await h.handle({ type: 'download-weights' });
  const weights = await h.waitFor((e) => e.type === 'weights');
  if (weights.type !== 'weights') throw new Error('no weights');
  expect(weights.step).toBe(4);
  const { decodeSafetensors } = await import('../../formats/safetensors');
  const checkpoint = await save(h);
  const tensors = decodeSafetensors(weights.bytes).tensors;
  expect([...tensors.keys()].sort()).toEqual(Object.keys(checkpoint.weights).sort());
  for (const [name, tensor] of tensors) expect(tensor.data).toEqual(checkpoint.weights[name]?.data);
  h.close();
}, 120_000);

test('a model FoldTree2 cannot build: the FoldTree2 export is refused with the reason, and the run goes on', async () => {
  const h = await runUntil(1, 1, smallRunConfig({ training: { batchSize: 2 } }));
  await h.handle({ type: 'download-weights', naming: 'foldtree2' });
  const refusal = h.events.find((e) => e.type === 'log' && e.level === 'error');
  expect(refusal?.type === 'log' && refusal.message).toMatch(
    /^No weights exported: FoldTree2's learn_lightning\.py cannot build this model: the "tiny" preset/,
  );
  expect(h.events.some((e) => e.type === 'weights' || (e.type === 'state' && e.state === 'failed'))).toBe(false);
  h.close();
}, 120_000);

test('weights downloaded under FoldTree2 names (and as a hand-over zip) start a fresh run (2 trainers) with exactly those weights', async () => {
  const small = { model: { preset: 'foldtree2-small' as const }, data: { maxResidues: 16 } };
  const config = smallRunConfig({ ...small, training: { batchSize: 2 } });
  const a = await runUntil(1, 2, config);
  await a.handle({ type: 'download-weights', naming: 'foldtree2' });
  const exported = await a.waitFor((e) => e.type === 'weights');
  if (exported.type !== 'weights') throw new Error('no weights');
  expect(exported.fileName).toBe('step2.foldtree2.safetensors');
  const { decodeSafetensors } = await import('../../formats/safetensors');
  const { weightChecksum } = await import('../parallel/weight-checksum');
  // The run's own weights at that step, from a checkpoint (studio names), fingerprinted here.
  const saved = await save(a);
  expect(saved.step).toBe(2);
  const expected = weightChecksum(Object.entries(saved.weights).map(([name, t]) => [name, t.data] as const)).hash;
  const file = decodeSafetensors(exported.bytes.slice(0));
  expect(file.metadata['format']).toBe('foldtree2');
  expect(file.tensors.get('encoder.vector_quantizer.ema_cluster_size')?.shape).toEqual([32]);
  await a.handle({ type: 'download-weights', naming: 'foldtree2-handover' });
  const zip = await a.waitFor((e) => e.type === 'weights' && e.fileName.endsWith('.zip'));
  expect(zip.type === 'weights' && zip.fileName).toBe('step2-foldtree2-handover.zip');
  expect(zip.type === 'weights' && new Uint8Array(zip.bytes.slice(0, 4))).toEqual(
    Uint8Array.from([0x50, 0x4b, 0x03, 0x04]),
  );
  a.close();

  const b = await runUntil(2, 1, smallRunConfig({ ...small, training: { batchSize: 2, workers: 2 } }), {
    weights: { name: 'a.foldtree2.safetensors', bytes: exported.bytes },
  });
  const log = await b.waitFor((e) => e.type === 'log' && e.message.includes('Weights from'));
  expect(log.type === 'log' && log.message).toMatch(
    new RegExp(
      `^trainer 0: Weights from a\\.foldtree2\\.safetensors \\(FoldTree2 names\\): all ${Object.keys(saved.weights).length} parameters loaded, checksum ${expected}; not in this model, left unused: encoder\\.vector_quantizer\\.ema_cluster_size`,
    ),
  );
  // It trains on from there: fresh optimizer and counters, so its first step is step 1.
  await b.waitFor((e) => e.type === 'metrics');
  expect(steps(b)[0]).toBe(1);
  b.close();
}, 300_000);
