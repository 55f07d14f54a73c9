import { afterAll, beforeAll, expect, test } from 'vitest';
import type { PaddedBatch } from '../protocol/padded-batch';
import { disposeLossGradients, lossAndGradients } from './loss-gradients';
import { DEFAULT_DISTANCE_BIN_EDGES, DEFAULT_LOSS_WEIGHTS } from './losses/loss-config';
import { addMaskCounts, disposeLossTargets, toLossTargets, withNormalizers } from './losses/loss-targets';
import { disposeModelInputs, toModelInputs } from './model-inputs';
import type { ParameterSet } from './params/parameter-set';
import { MODEL_PRESETS } from './presets';
import { CODEBOOK_PARAMETER } from './quantizer/quantizer-specs';
import { sampleBatch } from './testing/sample-batch.node';
import { createModelParameters } from './tokenizer-model';

const config = MODEL_PRESETS.tiny;
const targetOptions = {
  maskPlddt: true,
  plddtThreshold: 0.3,
  distanceBinEdges: DEFAULT_DISTANCE_BIN_EDGES,
  seed: 2,
  step: 7,
  rank: 0,
};
const options = {
  training: false,
  seed: 2,
  step: 7,
  rank: 0,
  commitmentCost: 0.5,
  weights: DEFAULT_LOSS_WEIGHTS,
  labelSmoothing: 0.1,
};
let params: ParameterSet;
let whole: PaddedBatch;
let halves: PaddedBatch[];

beforeAll(async () => {
  params = createModelParameters(config, 41, 9);
  // Proteins of different lengths (the sample's short ones), so residue and pair counts differ per protein.
  whole = await sampleBatch({ proteins: 4, offset: 160, maxLength: 36 });
  halves = [
    await sampleBatch({ proteins: 2, offset: 160, maxLength: 36 }),
    await sampleBatch({ proteins: 2, offset: 162, maxLength: 36 }),
  ];
});
afterAll(() => params.dispose());

function gradients(
  batch: PaddedBatch,
  normalize?: (targets: ReturnType<typeof toLossTargets>) => ReturnType<typeof toLossTargets>,
) {
  const trainable = params.names().filter((n) => n !== CODEBOOK_PARAMETER);
  const inputs = toModelInputs(batch);
  const raw = toLossTargets(batch, targetOptions);
  const targets = normalize ? normalize(raw) : raw;
  const result = lossAndGradients(params, config, inputs, targets, options, trainable);
  const values = {
    total: result.total.dataSync()[0] ?? NaN,
    grads: new Map([...result.grads].map(([n, g]) => [n, g.dataSync().slice()])),
  };
  disposeLossGradients(result);
  disposeLossTargets(raw);
  disposeModelInputs(inputs);
  return values;
}

test('two micro-batches with window normalizers add up to exactly the gradient of the batch of all four', () => {
  const counts = halves.map((half) => {
    const targets = toLossTargets(half, targetOptions);
    const c = targets.counts;
    disposeLossTargets(targets);
    return c;
  });
  const window = addMaskCounts(counts);
  const full = gradients(whole);
  const parts = halves.map((half) => gradients(half, (t) => withNormalizers(t, window)));
  expect((parts[0]?.total ?? 0) + (parts[1]?.total ?? 0)).toBeCloseTo(full.total, 5);
  let worst = 0;
  for (const [name, g] of full.grads) {
    const a = parts[0]?.grads.get(name) ?? new Float32Array();
    const b = parts[1]?.grads.get(name) ?? new Float32Array();
    const scale = Math.max(1e-6, ...g.map(Math.abs));
    g.forEach((v, k) => (worst = Math.max(worst, Math.abs((a[k] ?? 0) + (b[k] ?? 0) - v) / scale)));
  }
  console.log(`2×2 vs 1×4: largest gradient difference ${worst.toExponential(2)} of each gradient's scale`);
  expect(worst).toBeLessThan(1e-5);
});
