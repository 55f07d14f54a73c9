/**
 * The part of a tokenizer that makes tokens (encoder and quantizer) from a weights file: the studio's safetensors,
 * FoldTree2-named safetensors or a `.ftsckpt` checkpoint. A checkpoint names its own config; for safetensors the
 * given config is tried first, then each model preset, and the first whose encoder and codebook shapes all match
 * the file is used, so a file trained under another preset still encodes (and the caller is told which).
 */
import { encoderSpecs } from '../../model/encoder/encoder-specs';
import type { ModelConfig } from '../../model/model-config';
import { ParameterSet } from '../../model/params/parameter-set';
import type { ParameterSpec } from '../../model/params/parameter-spec';
import { MODEL_PRESETS, type ModelPresetName } from '../../model/presets';
import { quantizerSpecs } from '../../model/quantizer/quantizer-specs';
import type { RunConfig } from '../../protocol/run-config';
import { defaultRunConfig } from '../../config/run-config-values';
import { decodeCheckpoint } from '../../formats/checkpoint-codec';
import { checkpointWeightsAsSafetensors } from '../weights/checkpoint-weights';
import { modelConfigFromRun } from '../../model/run-model-config';
import { checkpointConfig } from '../trainer/trainer-checkpoint';
import { readWeightsFile } from '../weights/weights-file';
import type { NamedTensor } from '../../formats/safetensors';
import * as tf from '@tensorflow/tfjs';

export interface EncodeModel {
  readonly params: ParameterSet;
  readonly modelConfig: ModelConfig;
  /** The config the weights were matched with. */
  readonly config: RunConfig;
  /** How the config was chosen, for the log (e.g. "checkpoint's config", "preset tiny"). */
  readonly matchedBy: string;
  dispose(): void;
}

/** Parameters the encoder and quantizer read, in declaration order. */
export function tokenizerSpecs(modelConfig: ModelConfig, inputWidth: number): ParameterSpec[] {
  return [
    ...encoderSpecs(modelConfig.encoder, inputWidth, modelConfig.quantizer.embeddingDim),
    ...quantizerSpecs(modelConfig.quantizer),
  ];
}

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((n, k) => n === b[k]);

/** The first spec the file lacks or holds with another shape, as a sentence; null when every spec fits. */
function mismatch(specs: readonly ParameterSpec[], weights: ReadonlyMap<string, NamedTensor>): string | null {
  for (const spec of specs) {
    const tensor = weights.get(spec.name);
    if (!tensor) return `lacks ${spec.name}`;
    if (!sameShape(tensor.shape, spec.shape))
      return `holds ${spec.name} as [${tensor.shape.join(', ')}], the model needs [${spec.shape.join(', ')}]`;
  }
  return null;
}

function isCheckpoint(bytes: ArrayBuffer): boolean {
  return bytes.byteLength >= 8 && new TextDecoder().decode(new Uint8Array(bytes, 0, 8)) === 'FTSCKPT1';
}

function presetConfig(base: RunConfig, preset: ModelPresetName): RunConfig {
  const model = {
    ...base.model,
    preset,
    hiddenSize: null,
    encoderLayers: null,
    encoderHeads: null,
    numEmbeddings: null,
    embeddingDim: null,
  };
  return { ...base, model };
}

/**
 * Loads the encoder and codebook of `bytes` (named `source` in errors) for inputs `inputWidth` wide. Throws naming
 * the file and the first parameter that fits no candidate config.
 */
export function loadEncodeModel(
  bytes: ArrayBuffer,
  source: string,
  config: RunConfig | null,
  inputWidth: number,
): EncodeModel {
  const checkpoint = isCheckpoint(bytes);
  const candidates: { config: RunConfig; matchedBy: string }[] = [];
  if (checkpoint) {
    decodeCheckpoint(bytes, source);
    candidates.push({ config: checkpointConfig(bytes, source), matchedBy: "the checkpoint's config" });
  } else {
    if (config) candidates.push({ config, matchedBy: `the run's config (preset ${config.model.preset})` });
    const base = config ?? defaultRunConfig();
    for (const preset of Object.keys(MODEL_PRESETS) as ModelPresetName[])
      candidates.push({ config: presetConfig(base, preset), matchedBy: `preset ${preset}` });
  }
  const file = readWeightsFile(checkpoint ? checkpointWeightsAsSafetensors(bytes) : bytes, source);
  const reasons: string[] = [];
  for (const candidate of candidates) {
    let modelConfig: ModelConfig;
    try {
      modelConfig = modelConfigFromRun(candidate.config);
    } catch (error) {
      reasons.push(`${candidate.matchedBy}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const specs = tokenizerSpecs(modelConfig, inputWidth);
    const wrong = mismatch(specs, file.weights);
    if (wrong) {
      reasons.push(`${candidate.matchedBy}: the file ${wrong}`);
      continue;
    }
    const params = new ParameterSet(specs, candidate.config.data.seed);
    for (const spec of specs) {
      const tensor = file.weights.get(spec.name) as NamedTensor;
      tf.tidy(() => params.get(spec.name).assign(tf.tensor(tensor.data, [...spec.shape], 'float32')));
    }
    return {
      params,
      modelConfig,
      config: candidate.config,
      matchedBy: candidate.matchedBy,
      dispose: () => params.dispose(),
    };
  }
  throw new Error(`${source}: no model fits these weights at ${inputWidth} input features (${reasons.join('; ')})`);
}
