/**
 * `npm run bench:step`: one training step's forward + backward of the model on the WebAssembly backend in Node,
 * at the reference shapes (teaching 8 × 128, foldtree2 4 × 128, sample proteins cropped to 128), beside the
 * PyTorch yardstick of the same sizes (../shared/reference/same_shape.py with Debian's python3-torch, when present),
 * measured in the same run: ms per step, residues/s, the ratio, kernels per step (tfjs's profile, kernel launches
 * only) and the peak tensor bytes. Writes bench/step.json and bench/step.md. A benchmark, not a test.
 *
 *   npm run bench:step [-- --steps 3]
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import h5wasm from 'h5wasm/node';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { disposeLossGradients, lossAndGradients } from '../src/model/loss-gradients';
import { DEFAULT_DISTANCE_BIN_EDGES, DEFAULT_LOSS_WEIGHTS } from '../src/model/losses/loss-config';
import { disposeLossTargets, toLossTargets } from '../src/model/losses/loss-targets';
import { disposeModelInputs, toModelInputs } from '../src/model/model-inputs';
import { MODEL_PRESETS, type ModelPresetName } from '../src/model/presets';
import { CODEBOOK_PARAMETER } from '../src/model/quantizer/quantizer-specs';
import { createModelParameters } from '../src/model/tokenizer-model';
import { registerLeanGradients } from '../src/train/tfjs-engine/lean-gradients';
import { shareSavedTensors } from '../src/train/tfjs-engine/share-saved-tensors';
import { loadBenchBatch } from '../src/train/bench/model-bench-service';
import { registerWasmKernels } from '../src/train/wasm-kernels/register-wasm-kernels';
import { describeMachine } from './bench/machine';
import { pytorchStep } from './bench/pytorch-yardstick';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const steps = Number(args.includes('--steps') ? args[args.indexOf('--steps') + 1] : 3);
const CASES: readonly { preset: ModelPresetName; batch: number; length: number }[] = [
  { preset: 'teaching', batch: 8, length: 128 },
  { preset: 'foldtree2', batch: 4, length: 128 },
];

interface StepRow {
  readonly preset: string;
  readonly batch: number;
  readonly length: number;
  readonly studioMs: number;
  readonly studioResiduesPerS: number;
  readonly kernels: number;
  readonly peakMiB: number;
  readonly pytorchMs: number | null;
  readonly pytorchResiduesPerS: number | null;
  /** PyTorch residues/s ÷ studio residues/s: how many times slower the studio is. */
  readonly ratio: number | null;
}

async function studioStep(
  preset: ModelPresetName,
  batchSize: number,
  length: number,
): Promise<Pick<StepRow, 'studioMs' | 'kernels' | 'peakMiB'> & { residues: number }> {
  await h5wasm.ready;
  const { batch, inputWidth } = await loadBenchBatch(h5wasm, join(root, 'public/sample/sample-structs.h5'), {
    sampleUrl: 'sample-structs.h5',
    proteins: batchSize,
    offset: 0,
    maxLength: length,
  });
  const config = MODEL_PRESETS[preset];
  const params = createModelParameters(config, inputWidth, 3);
  const inputs = toModelInputs(batch);
  const targets = toLossTargets(batch, {
    maskPlddt: true,
    plddtThreshold: 0.3,
    distanceBinEdges: DEFAULT_DISTANCE_BIN_EDGES,
    seed: 3,
    step: 0,
    rank: 0,
  });
  const trainable = params.names().filter((n) => n !== CODEBOOK_PARAMETER);
  const options = {
    training: true,
    seed: 3,
    step: 0,
    rank: 0,
    commitmentCost: 0.25,
    weights: DEFAULT_LOSS_WEIGHTS,
    labelSmoothing: 0,
  };
  const once = async () => {
    const result = lossAndGradients(params, config, inputs, targets, options, trainable);
    await result.total.data();
    disposeLossGradients(result);
  };
  try {
    await once();
    const times: number[] = [];
    for (let k = 0; k < steps; k++) {
      const t0 = performance.now();
      await once();
      times.push(performance.now() - t0);
    }
    const profile = await tf.profile(once);
    const kernels = profile.kernels.filter((k) => tf.getKernel(k.name, tf.getBackend()) !== undefined).length;
    times.sort((a, b) => a - b);
    return {
      studioMs: times[Math.floor(times.length / 2)] ?? NaN,
      kernels,
      peakMiB: profile.peakBytes / 2 ** 20,
      residues: batch.lengths.reduce((a, b) => a + b, 0),
    };
  } finally {
    disposeLossTargets(targets);
    disposeModelInputs(inputs);
    params.dispose();
  }
}

registerWasmKernels();
if (!(await tf.setBackend('wasm'))) throw new Error('the WebAssembly backend did not start');
shareSavedTensors();
registerLeanGradients();
const rows: StepRow[] = [];
for (const c of CASES) {
  const studio = await studioStep(c.preset, c.batch, c.length);
  const torch = pytorchStep(c.preset, c.batch, c.length, steps);
  const studioResiduesPerS = (studio.residues * 1000) / studio.studioMs;
  const row: StepRow = {
    preset: c.preset,
    batch: c.batch,
    length: c.length,
    studioMs: studio.studioMs,
    studioResiduesPerS,
    kernels: studio.kernels,
    peakMiB: studio.peakMiB,
    pytorchMs: torch?.ms ?? null,
    pytorchResiduesPerS: torch?.residuesPerS ?? null,
    ratio: torch ? torch.residuesPerS / studioResiduesPerS : null,
  };
  console.log(JSON.stringify(row));
  rows.push(row);
}
const machine = describeMachine();
const fmt = (v: number | null, digits = 0) =>
  v === null ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const markdown = [
  `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:step\` on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}: forward + backward of one micro-batch on the WebAssembly backend in Node (sample proteins cropped to the length), median of ${steps}; PyTorch CPU (2 threads, Debian's python3-torch) from ../shared/reference/same_shape.py at the same sizes in the same run.`,
  '',
  '| preset | batch × length | studio ms / step | studio residues/s | kernels / step | peak tensors (MiB) | PyTorch ms / step | PyTorch residues/s | PyTorch ÷ studio |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.preset} | ${r.batch} × ${r.length} | ${fmt(r.studioMs)} | ${fmt(r.studioResiduesPerS)} | ${fmt(r.kernels)} | ${fmt(r.peakMiB)} | ${fmt(r.pytorchMs)} | ${fmt(r.pytorchResiduesPerS)} | ${fmt(r.ratio, 2)} |`,
  ),
  '',
].join('\n');
mkdirSync(join(root, 'bench'), { recursive: true });
writeFileSync(join(root, 'bench/step.json'), `${JSON.stringify({ machine, steps, rows }, null, 2)}\n`);
writeFileSync(join(root, 'bench/step.md'), markdown);
console.log(markdown);
