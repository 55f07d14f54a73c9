/**
 * Re-measures what model/memory/step-memory.ts was fitted to: tfjs's peak tensor bytes of one forward + backward on
 * the WebAssembly backend for a few presets and batch shapes of the bundled sample, next to the estimate. Writes
 * bench/memory-calibration.json. A benchmark, not a test: `npx tsx scripts/bench/memory-calibration.ts`.
 */
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { MODEL_PRESETS } from '../../src/model/presets';
import { sampleBatch } from '../../src/model/testing/sample-batch.node';
import { registerWasmKernels } from '../../src/train/wasm-kernels/register-wasm-kernels';
import { shareSavedTensors } from '../../src/train/tfjs-engine/share-saved-tensors';
import { registerLeanGradients } from '../../src/train/tfjs-engine/lean-gradients';
import { lossAndGradients, disposeLossGradients } from '../../src/model/loss-gradients';
import { DEFAULT_DISTANCE_BIN_EDGES, DEFAULT_LOSS_WEIGHTS } from '../../src/model/losses/loss-config';
import { toLossTargets } from '../../src/model/losses/loss-targets';
import { toModelInputs } from '../../src/model/model-inputs';
import { CODEBOOK_PARAMETER } from '../../src/model/quantizer/quantizer-specs';
import { createModelParameters } from '../../src/model/tokenizer-model';
import { estimateStepMemory } from '../../src/model/memory/step-memory';
registerWasmKernels();
await tf.setBackend('wasm');
shareSavedTensors();
registerLeanGradients();
const cases: [keyof typeof MODEL_PRESETS, number, number, number][] = [
  ['tiny', 2, 128, 0],
  ['tiny', 8, 128, 0],
  ['tiny', 1, 722, 177],
  ['teaching', 2, 128, 0],
  ['teaching', 8, 128, 0],
  ['teaching', 4, 256, 0],
  ['teaching', 1, 722, 177],
  ['foldtree2', 2, 128, 0],
  ['foldtree2', 4, 128, 0],
  ['foldtree2', 1, 300, 58],
];
const rows: object[] = [];
for (const [preset, B, L, offset] of cases) {
  const batch = await sampleBatch({ proteins: B, offset, maxLength: L });
  const config = MODEL_PRESETS[preset];
  const params = createModelParameters(config, 41, 3);
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
  const before = tf.memory().numBytes;
  const info = await tf.profile(() => {
    const r = lossAndGradients(
      params,
      config,
      inputs,
      targets,
      {
        training: true,
        seed: 3,
        step: 0,
        rank: 0,
        commitmentCost: 0.25,
        weights: DEFAULT_LOSS_WEIGHTS,
        labelSmoothing: 0,
      },
      trainable,
    );
    disposeLossGradients(r);
  });
  const Lp = batch.paddedLength;
  const contacts = Array.from(batch.contactCounts).reduce((a, b) => a + b, 0);
  const parameters = params.names().reduce((s, n) => s + params.get(n).size, 0);
  const row = {
    preset,
    B,
    L: Lp,
    contacts,
    pairs: targets.pairs.count,
    peakBytes: info.peakBytes - before,
    estimateBytes: estimateStepMemory(config, B, Lp, parameters).peakBytes,
    parameters,
  };
  console.log(JSON.stringify(row));
  rows.push(row);
  params.dispose();
}
writeFileSync(new URL('../../bench/memory-calibration.json', import.meta.url), `${JSON.stringify(rows, null, 2)}\n`);
