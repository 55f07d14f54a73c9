/**
 * The composite optimizer on the tiny preset's real parameters: routing, EMA codebook left alone, checkpoint
 * round trip (save → restore into fresh variables → identical continuation), no tensor leaks, batched dispatches.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { ParameterSet } from '../../model/params/parameter-set';
import { CODEBOOK_PARAMETER } from '../../model/quantizer/quantizer-specs';
import { createRng } from '../../shared/seeded-rng';
import { CompositeOptimizer } from './composite-optimizer';
import { presetSpecs } from './model-specs.node';
import type { OptimizerState } from './optimizer';
import { groupParameters, type ParameterGroups } from './param-groups';
import { seededValues } from './python-reference.node';

const SPECS = presetSpecs('tiny');
const LRS = { muon: 0.02, adamw: 1e-3 };

function groups(ema = true): ParameterGroups {
  return groupParameters(SPECS, { useMuon: true, useMuonEncoder: false, useMuonDecoders: false, ema });
}

/** Seeded gradients for every parameter (the codebook's too, which the EMA grouping must ignore). */
function gradsFor(step: number): Map<string, tf.Tensor> {
  const rng = createRng(99, step);
  return new Map(
    SPECS.map((s) => [
      s.name,
      tf.tensor(
        seededValues(
          rng,
          s.shape.reduce((a, b) => a * b, 1),
          0.1,
        ),
        [...s.shape],
      ),
    ]),
  );
}

function runSteps(optimizer: CompositeOptimizer, from: number, count: number): void {
  for (let t = from; t < from + count; t++) {
    const grads = gradsFor(t);
    optimizer.step(grads, LRS);
    tf.dispose([...grads.values()]);
  }
}

function snapshot(params: ParameterSet): Map<string, Float32Array> {
  return new Map(params.names().map((n) => [n, Float32Array.from(params.get(n).dataSync())]));
}

const owned: { dispose(): void }[] = [];
afterEach(() => {
  for (const o of owned.splice(0)) o.dispose();
});

describe('CompositeOptimizer', () => {
  it('updates Muon and AdamW parameters, leaves the EMA codebook alone, rejects unknown gradients', () => {
    const params = new ParameterSet(SPECS, 3);
    const optimizer = new CompositeOptimizer(params, groups());
    owned.push(params, optimizer);
    const before = snapshot(params);
    runSteps(optimizer, 0, 1);
    const after = snapshot(params);
    const moved = (n: string) =>
      Math.max(...(before.get(n) ?? []).map((x, k) => Math.abs(x - (after.get(n)?.[k] ?? x))));
    expect(moved(CODEBOOK_PARAMETER)).toBe(0);
    expect(moved('decoder.contacts.body.convs.0.weight')).toBeGreaterThan(1e-3); // Muon: lr 0.02 × O(1/√n) entries
    expect(moved('encoder.input.norm.weight')).toBeGreaterThan(1e-4); // AdamW: about lr on the first step
    const stray = new Map([['decoder.nonexistent.weight', tf.zeros([1])]]);
    expect(() => optimizer.step(stray)).toThrow(/no optimizer grouping/);
    tf.dispose([...stray.values()]);
  });

  it('trains the codebook with AdamW when EMA is off', () => {
    const params = new ParameterSet(SPECS, 3);
    const optimizer = new CompositeOptimizer(params, groups(false));
    owned.push(params, optimizer);
    const before = Float32Array.from(params.get(CODEBOOK_PARAMETER).dataSync());
    runSteps(optimizer, 0, 1);
    expect(Array.from(params.get(CODEBOOK_PARAMETER).dataSync())).not.toEqual(Array.from(before));
  });

  it('save → load into fresh variables continues bit-identically; the state survives structuredClone', async () => {
    const a = new ParameterSet(SPECS, 3);
    const optA = new CompositeOptimizer(a, groups());
    runSteps(optA, 0, 2);
    const weights = snapshot(a);
    const state: OptimizerState = structuredClone(await optA.state());
    expect(Object.keys(state.parameters).length).toBe(SPECS.length - 1);
    expect(state.parameters['decoder.contacts.body.convs.0.weight']?.slots.momentum_buffer?.shape).toEqual([3, 32, 32]);
    expect(state.parameters['encoder.input.norm.weight']?.step).toBe(2);
    runSteps(optA, 2, 2);
    const uninterrupted = snapshot(a);
    // Variable names are global in tfjs: the resumed replica can only exist once the first is gone.
    optA.dispose();
    a.dispose();

    const b = new ParameterSet(SPECS, 4); // different initial values, overwritten from the snapshot
    for (const [name, values] of weights) b.get(name).assign(tf.tensor(values, b.get(name).shape));
    const optB = new CompositeOptimizer(b, groups());
    owned.push(b, optB);
    optB.load(state);
    runSteps(optB, 2, 2);
    let worst = 0;
    for (const [name, x] of uninterrupted) {
      const y = b.get(name).dataSync();
      for (let k = 0; k < x.length; k++) worst = Math.max(worst, Math.abs((x[k] ?? 0) - (y[k] ?? 0)));
    }
    console.log(`resumed run vs uninterrupted run after 2 more steps: max |Δw| = ${worst}`);
    expect(worst).toBe(0);
    // Loading state then saving it again gives the same buffers (Muon's stacking round-trips).
    const reloaded = structuredClone(await optB.state());
    optB.load(state);
    const again = await optB.state();
    for (const [name, entry] of Object.entries(state.parameters)) {
      for (const [slot, saved] of Object.entries(entry.slots))
        expect(Array.from(again.parameters[name]?.slots[slot]?.values ?? []), `${name}.${slot}`).toEqual(
          Array.from(saved.values),
        );
    }
    expect(Object.keys(reloaded.parameters).sort()).toEqual(Object.keys(state.parameters).sort());
  });

  it('rejects a state without an entry, of another optimizer, or of another shape', async () => {
    const params = new ParameterSet(SPECS, 3);
    const optimizer = new CompositeOptimizer(params, groups());
    owned.push(params, optimizer);
    const state = await optimizer.state();
    const { ['encoder.input.norm.weight']: dropped, ...rest } = state.parameters;
    expect(dropped).toBeDefined();
    expect(() => optimizer.load({ version: 1, parameters: rest })).toThrow(/no entry for encoder.input.norm.weight/);
    const name = 'decoder.contacts.body.lin.0.weight';
    const muonEntry = state.parameters[name];
    if (!muonEntry) throw new Error('missing muon entry');
    expect(() =>
      optimizer.load({ version: 1, parameters: { ...state.parameters, [name]: { ...muonEntry, optimizer: 'adamw' } } }),
    ).toThrow(/written by adamw/);
    const slot = { shape: [2, 2], values: new Float32Array(4) };
    expect(() =>
      optimizer.load({
        version: 1,
        parameters: { ...state.parameters, [name]: { ...muonEntry, slots: { momentum_buffer: slot } } },
      }),
    ).toThrow(/shape/);
  });

  it('keeps tf.memory().numTensors flat across steps and returns to the start after dispose', () => {
    const start = tf.memory().numTensors;
    const params = new ParameterSet(SPECS, 3);
    const optimizer = new CompositeOptimizer(params, groups());
    const afterCreate = tf.memory().numTensors;
    runSteps(optimizer, 0, 1);
    expect(tf.memory().numTensors).toBe(afterCreate);
    runSteps(optimizer, 1, 2);
    expect(tf.memory().numTensors).toBe(afterCreate);
    optimizer.dispose();
    params.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('runs Newton–Schulz as 3 batched matMuls × 5 iterations per distinct matrix shape, not per matrix', async () => {
    const params = new ParameterSet(SPECS, 3);
    const optimizer = new CompositeOptimizer(params, groups());
    owned.push(params, optimizer);
    const buckets = optimizer.muon?.bucketShapes() ?? [];
    const grads = gradsFor(0);
    const muonOnly = new Map([...grads].filter(([n]) => optimizer.groups.assignment.get(n) === 'muon'));
    const profile = await tf.profile(() => optimizer.muon?.step(muonOnly, LRS));
    // tfjs reuses the profile object: read it before profiling anything else.
    const muonKernels = profile.kernels.map((k) => k.name);
    const matMuls = muonKernels.filter((k) => k === 'BatchMatMul').length;
    const adamwKernels = (await tf.profile(() => optimizer.adamw?.step(grads, LRS))).kernels.length;
    tf.dispose([...grads.values()]);
    console.log(
      `Muon: ${optimizer.groups.muon.names.length} parameters in ${buckets.length} buckets ` +
        `(${buckets.map((b) => `${b.parameters}×${b.rows}×${b.cols}`).join(', ')}), ${muonKernels.length} kernels, ${matMuls} BatchMatMul; ` +
        `AdamW: ${optimizer.groups.adamw.names.length} parameters, ${adamwKernels} kernels`,
    );
    expect(buckets.length).toBeLessThan(optimizer.groups.muon.names.length);
    expect(matMuls).toBe(15 * buckets.length);
  });
});
