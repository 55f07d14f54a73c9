/**
 * The WebAssembly backend trains the model: every kernel the model, the losses and the optimizers need exists on it
 * and agrees with the CPU backend (an independent implementation of each kernel) to float32 rounding. In Node the
 * wasm backend loads its binaries from node_modules; the browser build points it at bundled URLs (wasm-backend.ts).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MODEL_PRESETS } from '../../model/presets';
import { CODEBOOK_PARAMETER } from '../../model/quantizer/quantizer-specs';
import { sampleBatch } from '../../model/testing/sample-batch.node';
import { compareDifferentiations, differentiate } from './backend-comparison';
import type { ProteinSource } from '../trainer/protein-source';
import { sampleSource, smallRunConfig } from '../trainer/testing-sample-source.node';
import { Trainer } from '../trainer/trainer';
import { registerWasmKernels } from '../wasm-kernels/register-wasm-kernels';

registerWasmKernels();

async function on<T>(backend: string, work: () => Promise<T>): Promise<T> {
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} could not be initialised`);
  expect(tf.getBackend()).toBe(backend);
  return work();
}

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('wasm OneHot', () => {
  test('float32 one-hot rows hold the on and off values; an out-of-range index gives an all-off row', async () => {
    const rows = await on('wasm', () =>
      tf.tidy(() => tf.oneHot(tf.tensor1d([0, 2, -1, 1, 3], 'int32'), 3, 0.75, -0.5, 'float32')).array(),
    );
    expect(rows).toEqual([
      [0.75, -0.5, -0.5],
      [-0.5, -0.5, 0.75],
      [-0.5, -0.5, -0.5],
      [-0.5, 0.75, -0.5],
      [-0.5, -0.5, -0.5],
    ]);
    const ints = await on('wasm', () => tf.tidy(() => tf.oneHot(tf.tensor2d([[1], [0]], [2, 1], 'int32'), 2)).array());
    expect(ints).toEqual([[[0, 1]], [[1, 0]]]);
  });
});

describe('the model on the wasm backend', () => {
  test('the tiny preset differentiates on wasm as on cpu', async () => {
    const batch = await sampleBatch({ proteins: 2, offset: 172, maxLength: 24 });
    const cpu = await on('cpu', () => differentiate(MODEL_PRESETS.tiny, batch, 41, 3));
    const wasm = await on('wasm', () => differentiate(MODEL_PRESETS.tiny, batch, 41, 3));
    const difference = compareDifferentiations(cpu, wasm);
    console.log(`wasm vs cpu, tiny preset: ${JSON.stringify(difference)}`);
    expect(Object.keys(wasm.losses).sort()).toEqual(Object.keys(cpu.losses).sort());
    // Measured 7e-7, 5e-6 and 6e-7: float32 summation order, nothing more.
    expect(difference.loss.relative).toBeLessThan(1e-5);
    expect(difference.gradient.relative).toBeLessThan(1e-4);
    expect(difference.gradientNorm).toBeLessThan(1e-5);
  });
});

describe('a Trainer on the wasm backend', () => {
  const single = { rank: 0, worldSize: 1, lossScaling: false };
  let source: ProteinSource;

  beforeAll(async () => {
    source = await sampleSource(8, 150);
  });

  interface Run {
    readonly totals: number[];
    readonly skipped: boolean[];
    readonly before: Map<string, Float32Array>;
    readonly after: Map<string, Float32Array>;
    readonly groups: { readonly muon: readonly string[]; readonly adamw: readonly string[] };
    readonly leaked: number;
  }

  async function weights(trainer: Trainer): Promise<Map<string, Float32Array>> {
    const out = new Map<string, Float32Array>();
    for (const name of trainer.parts.params.names())
      out.set(name, Float32Array.from(await trainer.parts.params.get(name).data()));
    return out;
  }

  // Muon (Newton–Schulz matMuls and transposes), AdamW, gradient clipping and the EMA codebook update, three steps:
  // the first has a zero learning rate (warm-up), so the later two are the ones that move the weights.
  async function train(backend: string): Promise<Run> {
    return on(backend, async () => {
      const trainer = new Trainer(smallRunConfig(), source, single);
      try {
        const before = await weights(trainer);
        const totals: number[] = [];
        const skipped: boolean[] = [];
        let tensors = 0;
        for (let step = 0; step < 3; step++) {
          if (step === 2) tensors = tf.memory().numTensors;
          const metrics = await trainer.step();
          totals.push(metrics?.total ?? NaN);
          skipped.push(metrics?.skipped ?? true);
        }
        const { muon, adamw } = trainer.parts.optimizer.groups;
        return {
          totals,
          skipped,
          before,
          after: await weights(trainer),
          groups: { muon: muon.names, adamw: adamw.names },
          leaked: tf.memory().numTensors - tensors,
        };
      } finally {
        trainer.dispose();
      }
    });
  }

  /** ‖a − b‖₂ over the named parameters. */
  function distance(a: Map<string, Float32Array>, b: Map<string, Float32Array>, names: readonly string[]): number {
    let sum = 0;
    for (const name of names) {
      const x = a.get(name) ?? new Float32Array();
      const y = b.get(name) ?? new Float32Array();
      x.forEach((v, k) => (sum += (v - (y[k] ?? NaN)) ** 2));
    }
    return Math.sqrt(sum);
  }

  test('three optimizer steps on wasm match three on cpu', async () => {
    const cpu = await train('cpu');
    const wasm = await train('wasm');
    expect(wasm.skipped).toEqual([false, false, false]);
    expect(wasm.leaked).toBe(0);
    wasm.totals.forEach((total, k) => expect(Math.abs(total - (cpu.totals[k] ?? NaN)) / total).toBeLessThan(1e-5));
    const report: string[] = [];
    // Each optimizer's parameters moved on wasm, and by what they moved on cpu to within rounding.
    for (const [group, names] of [...Object.entries(wasm.groups), ['ema codebook', [CODEBOOK_PARAMETER]] as const]) {
      expect(names.length).toBeGreaterThan(0);
      const moved = distance(wasm.after, wasm.before, names);
      const apart = distance(wasm.after, cpu.after, names) / moved;
      report.push(`${group}: moved ${moved.toExponential(2)}, wasm−cpu ${apart.toExponential(2)} of that`);
      expect(moved).toBeGreaterThan(0);
      expect(apart).toBeLessThan(1e-4);
    }
    console.log(`3 steps, losses cpu ${cpu.totals.join(', ')} / wasm ${wasm.totals.join(', ')}; ${report.join('; ')}`);
  });
});
