/**
 * The run folder's hand-over to FoldTree2's PyTorch trainer: `foldtree2.yaml` (learn_lightning's keys, model sizes
 * resolved from the preset) and `foldtree2.safetensors` (the last checkpoint's weights under FoldTree2's names).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { exportConfig } from '../../src/config/export-config';
import type { RunConfig } from '../../src/protocol/run-config';
import { checkpointWeightsAsSafetensors, checkpointWeightsForFoldtree2 } from '../../src/train/checkpoint-weights';
import { decodeSafetensors } from '../../src/train/safetensors';
import { modelConfigFromRun } from '../../src/train/run-model-config';
import { checkpointConfig } from '../../src/train/trainer-checkpoint';
import type { RunFolder } from './run-folder';

export const FOLDTREE2_CONFIG_FILE = 'foldtree2.yaml';
export const FOLDTREE2_WEIGHTS_FILE = 'foldtree2.safetensors';

/**
 * Writes both files from `checkpointPath`, the config from the checkpoint itself, so the YAML always describes the
 * weights beside it; returns their paths.
 */
export function writeFoldtree2Export(folder: RunFolder, checkpointPath: string, trainers: number | undefined): string[] {
  const bytes = readFileSync(checkpointPath);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const config: RunConfig = checkpointConfig(buffer, basename(checkpointPath));
  const model = modelConfigFromRun(config);
  const modelSizes = { hiddenSize: model.encoder.hiddenChannels[0] ?? model.decoders.sequence.hidden, embeddingDim: model.quantizer.embeddingDim, numEmbeddings: model.quantizer.codes };
  const yaml = exportConfig(config, 'foldtree2-yaml', { modelSizes, ...(trainers === undefined ? {} : { trainers }) });
  refuseNonFinite(buffer, basename(checkpointPath));
  const weights = checkpointWeightsForFoldtree2(buffer, { run: config.logging.runName ?? 'run', checkpoint: basename(checkpointPath) });
  return [folder.writeFile(FOLDTREE2_CONFIG_FILE, Buffer.from(yaml)), folder.writeFile(FOLDTREE2_WEIGHTS_FILE, Buffer.from(weights))];
}

/** Weights that went NaN/Inf (every step skipped) are not handed to FoldTree2: the export fails naming the tensor. */
function refuseNonFinite(buffer: ArrayBuffer, source: string): void {
  const { tensors } = decodeSafetensors(checkpointWeightsAsSafetensors(buffer, {}), source);
  for (const [name, tensor] of tensors) {
    const at = tensor.data.findIndex((value) => !Number.isFinite(value));
    if (at >= 0) throw new Error(`${source}: weight ${name} holds ${String(tensor.data[at])} at index ${at}; not exported (were all steps skipped?)`);
  }
}
