/**
 * The run folder's hand-over to FoldTree2's PyTorch trainer, in `<run>/foldtree2/`: `foldtree2.yaml`
 * (learn_lightning's keys, model sizes resolved from the preset, the dataset the run trained on, model name and
 * output directory), `foldtree2.safetensors` (the last checkpoint's weights and EMA statistics under FoldTree2's
 * names) and `foldtree2_handover.py`, which builds learn_lightning.py's model, loads them strictly and writes the
 * modules learn_lightning.py resumes from. A model FoldTree2 cannot build is refused with the reasons.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
  exportFoldtree2HandoverYaml,
  foldtree2ModelName,
  foldtree2RefusalText,
} from '../../src/config/foldtree2-handover';
import type { RunConfig } from '../../src/protocol/run-config';
import {
  checkpointWeightsAsSafetensors,
  checkpointWeightsForFoldtree2,
} from '../../src/train/weights/checkpoint-weights';
import { decodeSafetensors } from '../../src/formats/safetensors';
import { modelConfigFromRun } from '../../src/model/run-model-config';
import { checkpointConfig } from '../../src/train/trainer/trainer-checkpoint';
import type { RunFolder } from './run-folder';

export const FOLDTREE2_FOLDER = 'foldtree2';
export const FOLDTREE2_CONFIG_FILE = 'foldtree2.yaml';
export const FOLDTREE2_WEIGHTS_FILE = 'foldtree2.safetensors';
export const FOLDTREE2_SCRIPT_FILE = 'foldtree2_handover.py';
/** The hand-over script in the repository, copied into every hand-over folder. */
export const FOLDTREE2_SCRIPT = new URL(`../foldtree2/${FOLDTREE2_SCRIPT_FILE}`, import.meta.url);

export interface Foldtree2ExportInput {
  readonly checkpointPath: string;
  /** The dataset file the run trained on (written into the YAML as an absolute path); null: the bundled sample, a placeholder. */
  readonly datasetPath: string | null;
  readonly trainers: number | undefined;
}

/**
 * Writes the hand-over folder from the checkpoint, with the config taken from the checkpoint itself so the YAML
 * always describes the weights beside it; returns the files' paths. Throws the refusal for models FoldTree2 cannot
 * build, and for weights that are not finite.
 */
export function writeFoldtree2Export(folder: RunFolder, input: Foldtree2ExportInput): string[] {
  const { checkpointPath, trainers } = input;
  const bytes = readFileSync(checkpointPath);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const config: RunConfig = checkpointConfig(buffer, basename(checkpointPath));
  const refusal = foldtree2RefusalText(config);
  if (refusal !== null) throw new Error(refusal);
  refuseNonFinite(buffer, basename(checkpointPath));
  const model = modelConfigFromRun(config);
  const modelSizes = {
    hiddenSize: model.encoder.hiddenChannels[0] ?? model.decoders.sequence.hidden,
    embeddingDim: model.quantizer.embeddingDim,
    numEmbeddings: model.quantizer.codes,
  };
  const runName = config.logging.runName ?? basename(folder.dir);
  const handover = {
    dataset: input.datasetPath === null ? null : resolve(input.datasetPath),
    modelName: foldtree2ModelName(runName),
    outputDir: 'models',
  };
  const yaml = exportFoldtree2HandoverYaml(config, modelSizes, handover, trainers);
  const weights = checkpointWeightsForFoldtree2(buffer, { run: runName, checkpoint: basename(checkpointPath) });
  const dir = join(folder.dir, FOLDTREE2_FOLDER);
  mkdirSync(dir, { recursive: true });
  const files = [join(dir, FOLDTREE2_CONFIG_FILE), join(dir, FOLDTREE2_WEIGHTS_FILE), join(dir, FOLDTREE2_SCRIPT_FILE)];
  writeFileSync(files[0] ?? '', yaml);
  writeFileSync(files[1] ?? '', Buffer.from(weights));
  copyFileSync(FOLDTREE2_SCRIPT, files[2] ?? '');
  return files;
}

/** Weights that went NaN/Inf (every step skipped) are not handed to FoldTree2: the export fails naming the tensor. */
function refuseNonFinite(buffer: ArrayBuffer, source: string): void {
  const { tensors } = decodeSafetensors(checkpointWeightsAsSafetensors(buffer, {}), source);
  for (const [name, tensor] of tensors) {
    const at = tensor.data.findIndex((value) => !Number.isFinite(value));
    if (at >= 0)
      throw new Error(
        `${source}: weight ${name} holds ${String(tensor.data[at])} at index ${at}; not exported (were all steps skipped?)`,
      );
  }
}
