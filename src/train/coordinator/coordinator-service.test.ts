import { describe, expect, test } from 'vitest';
import type { InitialWeights, InjectedFault } from '../../protocol/coordinator-messages';
import type { CoordinatorEvent, TrainerFault } from '../../protocol/coordinator-messages';
import { decodeCheckpoint } from '../../formats/checkpoint-codec';
import { smallRunConfig } from '../trainer/testing-sample-source.node';
import { parallelHarness, SAMPLE_DATASET, type ParallelHarness } from '../parallel/testing-parallel-run.node';
import { worstDifference, worstRelativeNorm } from '../parallel/weight-difference.node';

type Weights = Record<string, { shape: number[]; data: Float32Array }>;

const isCheckpoint = (e: CoordinatorEvent): e is Extract<CoordinatorEvent, { type: 'checkpoint' }> =>
  e.type === 'checkpoint';
const steps = (h: ParallelHarness) =>
  h.events.flatMap((e) => (e.type === 'metrics' ? e.points.map((p) => p.step) : []));
const states = (h: ParallelHarness) => h.events.flatMap((e) => (e.type === 'state' ? [e.state] : []));

/** Asks for a checkpoint and returns its weights and step. */
async function save(h: ParallelHarness): Promise<{ bytes: ArrayBuffer; weights: Weights; step: number }> {
  const before = h.events.filter(isCheckpoint).length;
  await h.handle({ type: 'save-checkpoint' });
  const event = await h.waitFor((e) => isCheckpoint(e) && h.events.filter(isCheckpoint).indexOf(e) === before);
  if (!isCheckpoint(event)) throw new Error('no checkpoint');
  const bytes = event.bytes.slice(0);
  const contents = decodeCheckpoint(bytes) as { weights: Weights };
  return { bytes, weights: contents.weights, step: event.step };
}

/** Runs `trainers` replicas until `pauseAt` optimizer steps are done, then pauses. */
async function runUntil(
  trainers: number,
  pauseAt: number,
  config = smallRunConfig(),
  options: { isolated?: boolean; checkpoint?: ArrayBuffer; weights?: InitialWeights } = {},
): Promise<ParallelHarness> {
  const h = parallelHarness(trainers, {
    isolated: options.isolated ?? true,
    onStep: (step, self) => step === pauseAt && void self.handle({ type: 'pause' }),
  });
  const origin = options.checkpoint
    ? { checkpoint: options.checkpoint }
    : options.weights
      ? { weights: options.weights }
      : {};
  await h.handle({ type: 'start', config, dataset: SAMPLE_DATASET, ...origin });
  return h;
}

const ddpConfig = (batchSize: number, workers: number) =>
  smallRunConfig({ training: { batchSize, workers, checksumEvery: 2 } });

describe('data-parallel runs through the coordinator and replica services', () => {
  test('2 trainers × batch 2 (ddp) end 5 optimizer steps with the weights of 1 trainer × batch 4; the message exchange equals the shared one bit for bit', async () => {
    const single = await runUntil(1, 5, ddpConfig(4, 1));
    const shared = await runUntil(2, 5, ddpConfig(2, 2));
    const messages = await runUntil(2, 5, ddpConfig(2, 2), { isolated: false });
    for (const h of [single, shared, messages]) expect(steps(h)).toEqual([1, 2, 3, 4, 5]);
    const info = shared.events.find((e) => e.type === 'info');
    expect(info?.type === 'info' && info.info).toMatchObject({
      trainers: 2,
      strategy: 'ddp',
      effectiveBatch: 4,
      exchange: 'shared memory (SharedArrayBuffer + Atomics)',
    });
    const [a, b, c] = [await save(single), await save(shared), await save(messages)];
    const difference = worstRelativeNorm(a.weights, b.weights);
    const elementwise = worstDifference(a.weights, b.weights);
    console.log(
      `ddp 2×2 vs 1×4 after 5 steps through the services: largest ‖Δw‖/‖w‖ ${difference.relative.toExponential(2)} at ${difference.at}; ` +
        `largest entry ${elementwise.relative.toExponential(2)} at ${elementwise.at}`,
    );
    expect(difference.relative).toBeLessThan(1e-5);
    expect(elementwise.relative).toBeLessThan(1e-4);
    expect(worstDifference(b.weights, c.weights).relative).toBe(0);
    const point = shared.events.flatMap((e) => (e.type === 'metrics' ? e.points : []))[4];
    expect(point?.trainers?.map((t) => t.rank)).toEqual([0, 1]);
    expect(point?.trainers?.every((t) => t.exchangeMs >= 0 && t.exchangeMs <= t.stepMs)).toBe(true);
    // checksumEvery 2: the replicas were compared at steps 2 and 4 and agreed (no fault, no drift).
    expect(shared.events.some((e) => e.type === 'fault')).toBe(false);
    for (const h of [single, shared, messages]) h.close();
  }, 300_000);

  test('dp (the coordinator steps a master copy and broadcasts weights) ends 5 steps with the weights of ddp', async () => {
    const ddp = await runUntil(2, 5, ddpConfig(2, 2));
    const base = ddpConfig(2, 2);
    const dp = await runUntil(2, 5, { ...base, training: { ...base.training, strategy: 'dp' } });
    expect(steps(dp)).toEqual([1, 2, 3, 4, 5]);
    const info = dp.events.find((e) => e.type === 'info');
    expect(info?.type === 'info' && info.info.strategy).toBe('dp');
    const [a, b] = [await save(ddp), await save(dp)];
    const difference = worstRelativeNorm(a.weights, b.weights);
    console.log(
      `dp vs ddp (2 trainers × batch 2) after 5 steps: largest ‖Δw‖/‖w‖ ${difference.relative.toExponential(2)} at ${difference.at}`,
    );
    expect(difference.relative).toBeLessThan(1e-5);
    // The dp checkpoint carries the master's optimizer state (the replicas' own optimizers never step): its moments
    // equal those ddp's replicas built, and differ from the untouched initial state.
    const optimizerState = (bytes: ArrayBuffer) =>
      JSON.stringify((decodeCheckpoint(bytes) as { optimizer: unknown }).optimizer);
    expect(optimizerState(b.bytes)).toBe(optimizerState(a.bytes));
    const fresh = await runUntil(1, 1, ddpConfig(2, 1));
    expect(optimizerState((await save(fresh)).bytes)).not.toBe(optimizerState(b.bytes));
    fresh.close();
    const dpPoints = dp.events.flatMap((e) => (e.type === 'metrics' ? e.points : []));
    expect(dpPoints.every((p) => Number.isFinite(p.gradientNorms.global) && !p.skipped)).toBe(true);
    ddp.close();
    dp.close();
  }, 300_000);

  test('pause, resume and stop take effect between steps, in order', async () => {
    const h = parallelHarness(1, { onStep: (step, self) => step === 2 && void self.handle({ type: 'pause' }) });
    await h.handle({ type: 'start', config: smallRunConfig({ data: { maxResidues: 16 } }), dataset: SAMPLE_DATASET });
    const checkpoint = await save(h);
    expect(checkpoint.step).toBe(2);
    const resumed = h.handle({ type: 'resume' });
    await h.waitFor((e) => e.type === 'metrics' && e.points.some((p) => p.step === 3));
    await h.handle({ type: 'stop' });
    await resumed;
    expect(states(h)).toEqual(['starting', 'running', 'paused', 'running', 'stopped']);
    expect(steps(h).slice(0, 3)).toEqual([1, 2, 3]);
    h.close();
  }, 120_000);
});

async function faultAt(
  fault: InjectedFault | 'kill',
  config = ddpConfig(2, 2),
): Promise<{ h: ParallelHarness; fault: TrainerFault }> {
  const h = parallelHarness(2, {
    onStep: (step, self) => {
      if (step === 2 && fault === 'kill') self.kill(1);
    },
  });
  if (fault !== 'kill') await h.handle({ type: 'inject-fault', rank: 1, fault, atStep: 3 });
  await h.handle({ type: 'start', config, dataset: SAMPLE_DATASET });
  const event = await h.waitFor((e) => e.type === 'fault');
  if (event.type !== 'fault') throw new Error('no fault');
  return { h, fault: event.fault };
}

describe('a trainer that fails pauses the run with its rank named, and nothing trained is lost', () => {
  test('killed at step 3: the survivor continues alone with exactly the weights of a fresh 1-trainer run from the same checkpoint', async () => {
    const { h, fault } = await faultAt('throw');
    expect(fault).toMatchObject({ rank: 1, kind: 'error', step: 3, remaining: 1 });
    expect(fault.message).toMatch(/^Trainer rank 1 failed: fault injected at step 3\. The run is paused after step 3/);
    expect(states(h).at(-1)).toBe('paused');
    const atFault = await save(h);
    expect(atFault.step).toBe(3);
    // Continue with the one trainer left for two more steps.
    const continued = h.handle({ type: 'continue-with-remaining' });
    await h.waitFor((e) => e.type === 'metrics' && e.points.some((p) => p.step === 5));
    await h.handle({ type: 'pause' });
    await continued;
    const afterContinue = await save(h);
    // A fresh single-trainer run from the checkpoint taken at the fault.
    const fresh = await runUntil(1, 5, ddpConfig(2, 2), { checkpoint: atFault.bytes });
    const reference = await save(fresh);
    expect(reference.step).toBe(afterContinue.step);
    expect(worstDifference(reference.weights, afterContinue.weights).relative).toBe(0);
    const info = h.events.filter((e) => e.type === 'info').at(-1);
    expect(info?.type === 'info' && info.info).toMatchObject({ trainers: 1, strategy: 'single' });
    h.close();
    fresh.close();
  }, 300_000);

  test('a worker terminated mid-run is reported by rank; a lost device and an out-of-memory failure say so', async () => {
    const killed = await faultAt('kill');
    expect(killed.fault).toMatchObject({ rank: 1, kind: 'terminated', remaining: 1 });
    expect(killed.fault.message).toMatch(/^Trainer rank 1 stopped: its worker was terminated\./);
    killed.h.close();
    const lost = await faultAt('device-lost');
    expect(lost.fault).toMatchObject({ rank: 1, kind: 'device-lost', remaining: 1 });
    expect(lost.fault.message).toMatch(
      /^Trainer rank 1 lost its GPU device \(the GPU device was lost \(destroyed \(simulated\)\)\)/,
    );
    lost.h.close();
    const memory = await faultAt('out-of-memory');
    expect(memory.fault.kind).toBe('out-of-memory');
    expect(memory.fault.message).toContain(
      'Lower training.batchSize (now 2) or data.maxResidues (now 24), and raise training.gradientAccumulationSteps (now 1)',
    );
    memory.h.close();
  }, 300_000);

  test('a trainer that hangs past training.trainerTimeoutS is named', async () => {
    const config = smallRunConfig({ training: { batchSize: 2, workers: 2, trainerTimeoutS: 1 } });
    const { h, fault } = await faultAt('hang', config);
    expect(fault).toMatchObject({ rank: 1, kind: 'timeout', step: 3 });
    expect(fault.message).toMatch(/^Trainer rank 1 did not answer: rank 1 did not hand in its gradients within 1 s/);
    h.close();
  }, 120_000);
});

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

test('a replica whose weights drift from the others stops the run at the next checksum, naming the rank and parameter', async () => {
  const h = parallelHarness(2);
  await h.handle({ type: 'inject-fault', rank: 1, fault: 'drift', atStep: 1 });
  await h.handle({
    type: 'start',
    config: smallRunConfig({ training: { batchSize: 2, workers: 2, checksumEvery: 2 } }),
    dataset: SAMPLE_DATASET,
  });
  const fault = h.events.find((e) => e.type === 'fault');
  expect(fault?.type === 'fault' && fault.fault).toMatchObject({ rank: 1, kind: 'drift', step: 2 });
  expect(fault?.type === 'fault' && fault.fault.message).toMatch(
    /^the replicas' weights drifted apart at step 2: rank 1 differs from rank 0 \(/,
  );
  expect(states(h).at(-1)).toBe('failed');
  h.close();
}, 120_000);

test('LR scaling with the trainer count: linear doubles, sqrt multiplies by √2 the LRs two trainers report', async () => {
  const lrs: Record<string, number>[] = [];
  for (const [trainers, lrScaling] of [
    [1, 'none'],
    [2, 'linear'],
    [2, 'sqrt'],
  ] as const) {
    const h = await runUntil(trainers, 4, smallRunConfig({ training: { batchSize: 2, workers: trainers, lrScaling } }));
    const point = h.events.flatMap((e) => (e.type === 'metrics' ? e.points : [])).at(-1);
    lrs.push({ ...point?.learningRates });
    if (trainers === 2) {
      // Per-trainer throughput: each rank processed its own share of the window's residues.
      expect(
        point?.trainers?.every((t) => t.residuesPerSecond > 0 && t.residuesPerSecond < (point.residuesPerSecond ?? 0)),
      ).toBe(true);
    }
    h.close();
  }
  const [single, linear, sqrt] = lrs as [Record<string, number>, Record<string, number>, Record<string, number>];
  for (const group of Object.keys(single)) {
    expect(linear[group]).toBeCloseTo(2 * (single[group] ?? NaN), 12);
    expect(sqrt[group]).toBeCloseTo(Math.SQRT2 * (single[group] ?? NaN), 12);
  }
}, 300_000);

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

test('the tokens of one protein under the current weights: one code per residue, in range, with its pLDDT', async () => {
  const h = await runUntil(1, 1, smallRunConfig({ training: { batchSize: 2 } }));
  await h.handle({ type: 'encode-protein' });
  const event = await h.waitFor((e) => e.type === 'tokens');
  if (event.type !== 'tokens') throw new Error('no tokens');
  const { tokens } = event;
  expect(tokens.codes).toHaveLength(tokens.sequence.length);
  expect(tokens.codes.every((c) => Number.isInteger(c) && c >= 0 && c < tokens.codebookSize)).toBe(true);
  if (tokens.plddt) {
    expect(tokens.plddt).toHaveLength(tokens.codes.length);
    expect(tokens.plddt.every((p) => p >= 0 && p <= 1)).toBe(true);
  }
  h.close();
}, 120_000);

test('tokens for an unknown protein are a warning, and the run goes on', async () => {
  const h = await runUntil(1, 1, smallRunConfig({ training: { batchSize: 2 } }));
  await h.handle({ type: 'encode-protein', proteinId: 'NO_SUCH_PROTEIN' });
  const warning = h.events.find((e) => e.type === 'log' && e.message.includes('NO_SUCH_PROTEIN'));
  expect(warning?.type === 'log' && warning.level).toBe('warning');
  expect(h.events.some((e) => e.type === 'fault')).toBe(false);
  expect(states(h).at(-1)).toBe('paused');
  h.close();
}, 120_000);

test('a run whose trainers cannot be set up ends as failed, saying why, with no talk of pausing or checkpoints', async () => {
  const h = parallelHarness(1, {});
  await h.handle({
    type: 'start',
    config: smallRunConfig({ model: { hiddenSize: 32, decoderHeads: 5 } }),
    dataset: SAMPLE_DATASET,
  });
  const event = await h.waitFor((e) => e.type === 'state' && e.state === 'failed');
  const message = event.type === 'state' ? (event.message ?? '') : '';
  expect(message).toMatch(/^The run could not start: .*not divisible by its 5 attention heads/);
  expect(message).not.toMatch(/paused|checkpoint/);
  expect(h.events.some((e) => e.type === 'fault')).toBe(false);
  h.close();
}, 60_000);
