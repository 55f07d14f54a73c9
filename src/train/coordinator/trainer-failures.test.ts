/** A trainer that fails, hangs, drifts or cannot be set up: what the run reports and what it keeps. */
import { describe, expect, test } from 'vitest';
import { smallRunConfig } from '../trainer/testing-sample-source.node';
import { parallelHarness, SAMPLE_DATASET } from '../parallel/testing-parallel-run.node';
import { worstDifference } from '../parallel/weight-difference.node';
import { ddpConfig, faultAt, runOnUntil, runUntil, save, states } from './testing-coordinator-runs.node';

describe('a trainer that fails pauses the run with its rank named, and nothing trained is lost', () => {
  test('killed at step 3: the survivor continues alone with exactly the weights of a fresh 1-trainer run from the same checkpoint', async () => {
    const { h, fault } = await faultAt('throw');
    expect(fault).toMatchObject({ rank: 1, kind: 'error', step: 3, remaining: 1 });
    expect(fault.message).toMatch(/^Trainer rank 1 failed: fault injected at step 3\. The run is paused after step 3/);
    expect(states(h).at(-1)).toBe('paused');
    const atFault = await save(h);
    expect(atFault.step).toBe(3);
    // Continue with the one trainer left for two more steps.
    await runOnUntil(h, { type: 'continue-with-remaining' }, 5, { type: 'pause' });
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
