/**
 * Generated configs, weights and checkpoints that must be refused or reported before training (classes 3 and 4 of
 * the fault corpus): each made from the studio's own writers, then changed in one known place.
 */
import { defaultRunConfig } from '../../src/config/run-config-values';
import { modelSpecs } from '../../src/model/model-specs';
import type { ModelPresetName } from '../../src/model/presets';
import type { ProteinGraph } from '../../src/protocol/protein-graph';
import { RES_X_WIDTH } from '../../src/protocol/res-features';
import type { RunConfig } from '../../src/protocol/run-config';
import { memorySource } from '../../src/train/trainer/protein-source';
import { modelConfigFromRun } from '../../src/model/run-model-config';
import { encodeSafetensors, type NamedTensor } from '../../src/formats/safetensors';
import { Trainer } from '../../src/train/trainer/trainer';
import { saveCheckpoint } from '../../src/train/trainer/trainer-checkpoint';

/** A config file as text (its name decides YAML or JSON). */
export interface ConfigFault {
  readonly file: string;
  readonly text: string;
  /** A fragment of the one line the refusal must print. */
  readonly message: string;
}

export const CONFIG_FAULTS: readonly ConfigFault[] = [
  { file: 'yaml-list.yaml', text: '- model\n- training\n', message: 'is a YAML list' },
  // FoldTree2's learn_lightning keys: the decoders keep 5 heads, which 32 does not divide.
  {
    file: 'foldtree2-hidden-32.yaml',
    text: 'hidden_size: 32\nnum_embeddings: 40\nembedding_dim: 128\nbatch_size: 2\n',
    message: 'not divisible by its 5 attention heads',
  },
];

/** A run config of `preset` (the rest defaults). */
export function presetConfig(preset: ModelPresetName): RunConfig {
  const base = defaultRunConfig();
  return { ...base, model: { ...base.model, preset } };
}

/** Studio-named weights of `preset` at the studio's input width: small seeded values, so the file is loadable. */
export function presetWeights(preset: ModelPresetName, inputWidth = RES_X_WIDTH): Map<string, NamedTensor> {
  const weights = new Map<string, NamedTensor>();
  let state = 15;
  for (const spec of modelSpecs(modelConfigFromRun(presetConfig(preset)), inputWidth)) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const data = Float32Array.from({ length: size }, () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return (state / 2 ** 32 - 0.5) * 0.1;
    });
    weights.set(spec.name, { shape: spec.shape, data });
  }
  return weights;
}

/** A safetensors file of `preset` weights; `poison` puts NaN into the named tensor's value at index 3. */
export function weightsFile(preset: ModelPresetName, poison?: string): ArrayBuffer {
  const weights = presetWeights(preset);
  const target = poison === undefined ? undefined : weights.get(poison);
  if (poison !== undefined && !target) throw new Error(`fault corpus: no tensor ${poison}`);
  if (target) target.data[Math.min(3, target.data.length - 1)] = NaN;
  return encodeSafetensors(weights, { format: 'foldtree-studio' });
}

/** A good weights file whose JSON header has one ',' turned into ';' (a damaged download). */
export function brokenHeaderWeights(): ArrayBuffer {
  const bytes = new Uint8Array(weightsFile('tiny'));
  const comma = bytes.indexOf(','.charCodeAt(0), 8);
  bytes[comma] = ';'.charCodeAt(0);
  return bytes.buffer;
}

/** A real checkpoint of a `preset` run after one step on `graphs` (what a run folder holds), for --resume faults. */
export async function presetCheckpoint(
  preset: ModelPresetName,
  graphs: readonly ProteinGraph[],
  runName: string,
): Promise<ArrayBuffer> {
  const base = presetConfig(preset);
  const config: RunConfig = {
    ...base,
    data: { ...base.data, maxResidues: 24 },
    training: { ...base.training, batchSize: 2, workers: 1, backend: 'wasm', maxSteps: 3 },
    logging: { ...base.logging, runName },
  };
  const trainer = new Trainer(config, memorySource('tiny-structs.h5', graphs), {
    rank: 0,
    worldSize: 1,
    lossScaling: false,
  });
  try {
    await trainer.step();
    return await saveCheckpoint(trainer);
  } finally {
    trainer.dispose();
  }
}
