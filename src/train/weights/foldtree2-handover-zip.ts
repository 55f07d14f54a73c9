/**
 * The page's hand-over folder as one zip: `<model_name>-foldtree2/` with foldtree2.yaml, foldtree2.safetensors,
 * the repository's foldtree2_handover.py and a README.txt of the five steps. Built where the checkpoint is (the
 * coordinator), so the page only saves the bytes. The CLI writes the same files as a folder (scripts/train).
 */
import handoverScript from '../../../scripts/foldtree2/foldtree2_handover.py?raw';
import {
  FOLDTREE2_HANDOVER_STEPS,
  exportFoldtree2HandoverYaml,
  foldtree2ModelName,
} from '../../config/foldtree2-handover';
import { defaultRunConfig } from '../../config/run-config-values';
import type { RunConfig } from '../../protocol/run-config';
import { zipStore } from '../../shared/zip-store';
import { checkpointWeightsForFoldtree2 } from './checkpoint-weights';
import { modelConfigFromRun } from '../../model/run-model-config';

export interface HandoverZip {
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

/** Throws the refusal (with its reasons) when FoldTree2 cannot build the run's model. */
export function foldtree2HandoverZip(
  checkpoint: ArrayBuffer,
  config: RunConfig,
  metadata: Readonly<Record<string, string>>,
  trainers?: number,
): HandoverZip {
  const weights = new Uint8Array(checkpointWeightsForFoldtree2(checkpoint, metadata));
  const model = modelConfigFromRun(config);
  const sizes = {
    hiddenSize: model.encoder.hiddenChannels[0] ?? 0,
    embeddingDim: model.quantizer.embeddingDim,
    numEmbeddings: model.quantizer.codes,
  };
  const modelName = foldtree2ModelName(config.logging.runName ?? metadata['run'] ?? 'studio_run');
  // The bundled sample lives inside the studio; a picked file is known by its name only, so it goes beside the folder.
  const dataset = config.data.dataset === defaultRunConfig().data.dataset ? null : config.data.dataset;
  const yaml = exportFoldtree2HandoverYaml(config, sizes, { dataset, modelName, outputDir: 'models' }, trainers);
  const folder = `${modelName}-foldtree2`;
  const text = (s: string): Uint8Array => new TextEncoder().encode(s);
  const readme = [
    "Continue this FoldTree Studio run in FoldTree2's learn_lightning.py:",
    '',
    ...FOLDTREE2_HANDOVER_STEPS,
    '',
  ].join('\n');
  const bytes = zipStore([
    { name: `${folder}/foldtree2.yaml`, data: text(yaml) },
    { name: `${folder}/foldtree2.safetensors`, data: weights },
    { name: `${folder}/foldtree2_handover.py`, data: text(handoverScript) },
    { name: `${folder}/README.txt`, data: text(readme) },
  ]);
  return { fileName: `${folder}.zip`, bytes };
}
