/**
 * AdamW and Muon against an independent NumPy implementation of torch.optim.AdamW and KellerJordan's muon.py,
 * run on PyTorch's layouts: three steps with changing learning rates and one missing gradient, on tall, wide and
 * square Linear weights and on 3-D Conv1d weights in both conv modes.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../shared/seeded-rng';
import { AdamW } from './adamw';
import { ADAMW_DEFAULTS, AUX_ADAMW_DEFAULTS, MUON_DEFAULTS, type MuonConvMode } from './hyperparameters';
import { Muon } from './muon';
import type { Optimizer } from './optimizer';
import { runReference, seededValues, toTorchLayout, torchShape, type ReferenceCase } from './python-reference.node';

const STEPS = 3;
const TOLERANCE = 1e-5;

interface ParamCase {
  readonly name: string;
  /** Our layout. */
  readonly shape: readonly number[];
  /** Step (0-based) at which this parameter gets no gradient, if any. */
  readonly missingAt?: number;
}

/** Tall, wide, square, two of one shape (same bucket), tall and wide sharing a Newton–Schulz shape, two convs. */
const MUON_PARAMS: ParamCase[] = [
  { name: 'tall', shape: [4, 12] }, // PyTorch (12, 4): R > C, scale √3
  { name: 'wide', shape: [12, 4] }, // PyTorch (4, 12): same NS shape 4×12 as `tall`
  { name: 'square.a', shape: [8, 8] },
  { name: 'square.b', shape: [8, 8], missingAt: 1 },
  { name: 'conv.wide', shape: [3, 6, 5] }, // PyTorch (5, 6, 3)
  { name: 'conv.tall', shape: [3, 2, 10] }, // PyTorch (10, 2, 3): flattened (10, 6) is tall; per channel 2×3 is wide
];
const ADAMW_PARAMS: ParamCase[] = [...MUON_PARAMS, { name: 'bias', shape: [7], missingAt: 1 }];
const LRS = { muon: [0.02, 0.015, 0.01], adamw: [3e-3, 2e-3, 1e-3] };

interface Run {
  readonly ours: Map<string, number[][]>;
  readonly reference: Map<string, number[][]>;
}

function runCase(kind: 'adamw' | 'muon', convMode: MuonConvMode, hyperKey: 'aux' | 'plain', seed: number): Run {
  const params = kind === 'muon' ? MUON_PARAMS : ADAMW_PARAMS;
  const rng = createRng(seed);
  const initial = params.map((p) => seededValues(rng, size(p.shape), 0.5));
  const grads = params.map((p) =>
    Array.from({ length: STEPS }, (_, t) =>
      t === p.missingAt ? null : seededValues(rng, size(p.shape), 0.1 * (t + 1)),
    ),
  );
  const adamwHyper = hyperKey === 'aux' ? AUX_ADAMW_DEFAULTS : { ...ADAMW_DEFAULTS, weightDecay: 0.05 };
  const muonHyper = { ...MUON_DEFAULTS, weightDecay: 0.1, convMode };

  const variables = params.map((p, k) =>
    tf.variable(tf.tensor(initial[k] ?? [], [...p.shape]), false, `${kind}-${convMode}-${hyperKey}-${p.name}`),
  );
  const named = params.map((p, k) => ({ name: p.name, variable: variables[k] as tf.Variable }));
  const optimizer: Optimizer = kind === 'muon' ? new Muon(named, muonHyper) : new AdamW(named, adamwHyper);
  const ours = new Map<string, number[][]>(params.map((p) => [p.name, []]));
  for (let t = 0; t < STEPS; t++) {
    const stepGrads = new Map<string, tf.Tensor>();
    params.forEach((p, k) => {
      const g = grads[k]?.[t];
      if (g) stepGrads.set(p.name, tf.tensor(g, [...p.shape]));
    });
    optimizer.step(stepGrads, kind === 'muon' ? { muon: LRS.muon[t] ?? 0 } : { adamw: LRS.adamw[t] ?? 0 });
    tf.dispose([...stepGrads.values()]);
    params.forEach((p, k) =>
      ours.get(p.name)?.push(toTorchLayout(Array.from(variables[k]?.dataSync() ?? []), p.shape)),
    );
  }
  optimizer.dispose();
  tf.dispose(variables);

  const hyper =
    kind === 'muon'
      ? {
          momentum: muonHyper.momentum,
          weight_decay: muonHyper.weightDecay,
          nesterov: muonHyper.nesterov,
          ns_steps: muonHyper.nsSteps,
        }
      : { beta1: adamwHyper.beta1, beta2: adamwHyper.beta2, eps: adamwHyper.eps, weight_decay: adamwHyper.weightDecay };
  const cases: ReferenceCase[] = params.map((p, k) => ({
    id: p.name,
    optimizer: kind,
    shape: torchShape(p.shape),
    param: toTorchLayout(initial[k] ?? [], p.shape),
    grads: (grads[k] ?? []).map((g) => (g ? toTorchLayout(g, p.shape) : null)),
    lrs: LRS[kind],
    hyper,
    conv_mode: convMode,
  }));
  const reference = runReference({ cases }).cases;
  return { ours, reference: new Map(Object.entries(reference)) };
}

function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function maxAbsDifference(run: Run, name: string, step: number): number {
  const a = run.ours.get(name)?.[step] ?? [];
  const b = run.reference.get(name)?.[step] ?? [];
  expect(a.length).toBe(b.length);
  expect(a.length).toBeGreaterThan(0);
  return Math.max(...a.map((x, k) => Math.abs(x - (b[k] ?? NaN))));
}

describe.each([
  ['muon', 'flatten', 'aux'],
  ['muon', 'per-output-channel', 'aux'],
  ['adamw', 'flatten', 'aux'],
  ['adamw', 'flatten', 'plain'],
] as const)('%s (conv %s, adamw %s hyper-parameters) equals the NumPy reference', (kind, convMode, hyperKey) => {
  let run: Run;
  const params = kind === 'muon' ? MUON_PARAMS : ADAMW_PARAMS;
  beforeAll(() => {
    run = runCase(kind, convMode, hyperKey, kind === 'muon' ? 11 : 12);
  });
  afterAll(() => {
    const worst = Math.max(
      ...params.flatMap((p) => Array.from({ length: STEPS }, (_, t) => maxAbsDifference(run, p.name, t))),
    );
    console.log(
      `${kind} ${convMode} ${hyperKey}: max |ours − NumPy| over ${params.length} parameters × ${STEPS} steps = ${worst.toExponential(2)}`,
    );
  });

  it.each(params.map((p) => [p.name, p.shape.join('×')]))('%s [%s] over 3 steps within 1e-5', (name) => {
    for (let t = 0; t < STEPS; t++) expect(maxAbsDifference(run, name, t)).toBeLessThan(TOLERANCE);
  });

  it('actually moves every parameter (the comparison is not vacuous)', () => {
    for (const p of params) {
      const first = run.ours.get(p.name)?.[0] ?? [];
      const last = run.ours.get(p.name)?.[STEPS - 1] ?? [];
      expect(Math.max(...first.map((x, k) => Math.abs(x - (last[k] ?? x))))).toBeGreaterThan(1e-4);
    }
  });
});
