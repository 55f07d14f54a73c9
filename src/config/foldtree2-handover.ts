/**
 * The hand-over to FoldTree2's PyTorch trainer, config side: which runs learn_lightning.py can continue (checked on
 * the RunConfig, so the page can say why before anything is exported), and the `foldtree2.yaml` of a hand-over
 * folder: no studio-relative dataset path (the user's file, or a placeholder that says what to put there), and the
 * `model_name` / `output_dir` the hand-over script writes the modules under, so learn_lightning.py resumes them.
 * The model-level check (src/train/foldtree2-weights/buildable.ts) guards the weights themselves; a test keeps the
 * two in agreement.
 */
import type { ModelPresetChoice, RunConfig } from '../protocol/run-config';
import { exportFoldtree2Yaml, type ModelSizes } from './export-foldtree2';
import { yamlComment, yamlValue } from './yaml-text';

/** Presets whose model learn_lightning.py builds. */
export const FOLDTREE2_BUILDABLE_PRESETS: readonly ModelPresetChoice[] = ['foldtree2', 'foldtree2-small'];

const PRESET_REASONS: Readonly<Partial<Record<ModelPresetChoice, string>>> = {
  tiny: 'the "tiny" preset has 2 encoder heads (learn_lightning.py hard-codes 10), 2 decoder heads at width 16 (FoldTree2 hard-codes 5 heads, and 16 does not divide by 5) and raw position inputs (FoldTree2 HEAD learns them)',
  teaching:
    'the "teaching" preset has 4 encoder heads (learn_lightning.py hard-codes 10), 4 decoder heads at width 64 (FoldTree2 hard-codes 5 heads, and 64 does not divide by 5) and raw position inputs (FoldTree2 HEAD learns them)',
};

/** Every reason learn_lightning.py cannot build the model `config` trains; empty when it can. */
export function foldtree2RefusalReasons(config: RunConfig): string[] {
  const m = config.model;
  if (!FOLDTREE2_BUILDABLE_PRESETS.includes(m.preset))
    return [PRESET_REASONS[m.preset] ?? `the "${m.preset}" preset is not FoldTree2's architecture`];
  const reasons: string[] = [];
  if (m.hiddenSize !== null && m.hiddenSize % 5 !== 0)
    reasons.push(`model.hiddenSize ${m.hiddenSize} does not divide by FoldTree2's 5 decoder heads`);
  if (m.encoderLayers !== null && m.encoderLayers !== 2)
    reasons.push(`model.encoderLayers ${m.encoderLayers}: learn_lightning.py builds 2 graph layers`);
  if (m.encoderHeads !== null && m.encoderHeads !== 10)
    reasons.push(`model.encoderHeads ${m.encoderHeads}: learn_lightning.py hard-codes 10`);
  if (m.decoderLayers !== null && m.decoderLayers !== 2)
    reasons.push(`model.decoderLayers ${m.decoderLayers}: FoldTree2 builds 2`);
  if (m.decoderHeads !== null && m.decoderHeads !== 5)
    reasons.push(`model.decoderHeads ${m.decoderHeads}: FoldTree2 hard-codes 5`);
  if (m.decoderFeedForward !== null && m.decoderFeedForward !== 2048)
    reasons.push(`model.decoderFeedForward ${m.decoderFeedForward}: FoldTree2 keeps PyTorch's 2048`);
  if (!config.vq.ema)
    reasons.push(
      'vq.ema off: learn_lightning.py at HEAD only trains with --EMA (its plain quantizer raises TypeError)',
    );
  if (config.decoders.outputFft)
    reasons.push(
      "decoders.outputFft on: the studio's FFT2 head reads the mean token, FoldTree2's godnodedecoder the constant godnode",
    );
  return reasons;
}

/** One message for the page and the CLI, or null when FoldTree2 can build the model. */
export function foldtree2RefusalText(config: RunConfig): string | null {
  const reasons = foldtree2RefusalReasons(config);
  if (reasons.length === 0) return null;
  return `FoldTree2's learn_lightning.py cannot build this model: ${reasons.join('; ')}. Train with the "foldtree2" or "foldtree2-small" preset to hand a run over.`;
}

export interface Foldtree2Handover {
  /** The dataset learn_lightning.py should read (a path it can open), or null for a placeholder. */
  readonly dataset: string | null;
  /** `--model-name`: the hand-over script saves `<model_name>_best_{encoder,decoder}.pt`. */
  readonly modelName: string;
  /** `--output-dir`, relative to where learn_lightning.py runs (the hand-over folder). */
  readonly outputDir: string;
}

/** What the YAML says when the run's dataset is not a file FoldTree2 can open. */
export const FOLDTREE2_DATASET_PLACEHOLDER = 'REPLACE-WITH-YOUR-structs.h5';

/** A model name FoldTree2 can use in file names. */
export function foldtree2ModelName(runName: string): string {
  return runName.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._-]+/, '') || 'studio_run';
}

/** `foldtree2.yaml` of a hand-over folder. */
export function exportFoldtree2HandoverYaml(
  config: RunConfig,
  sizes: ModelSizes,
  handover: Foldtree2Handover,
  trainers?: number,
): string {
  const text = exportFoldtree2Yaml(config, sizes, trainers);
  const dataset = handover.dataset ?? FOLDTREE2_DATASET_PLACEHOLDER;
  const note =
    handover.dataset === null
      ? yamlComment([
          `The studio trained on "${config.data.dataset}", which FoldTree2 cannot open: put the path of your FoldTree2 HDF5 file here.`,
        ]) + '\n'
      : '';
  const lines = [
    `${note}dataset: ${yamlValue(dataset, false)}`,
    `model_name: ${yamlValue(handover.modelName, false)}`,
    `output_dir: ${yamlValue(handover.outputDir, false)}`,
  ];
  if (!/^dataset: .*$/m.test(text)) throw new Error('the FoldTree2 YAML has no dataset line');
  return text.replace(/^dataset: .*$/m, lines.join('\n'));
}

/** The hand-over in five steps: README.md, the folder's README.txt and the CLI's message say the same. */
export const FOLDTREE2_HANDOVER_STEPS: readonly string[] = [
  '1. Copy the hand-over folder (the page\'s "FoldTree2 hand-over" zip, or `<run folder>/foldtree2/` of `npm run train`) to a machine with FoldTree2 installed (`pip install -e <foldtree2 checkout>`).',
  "2. In `foldtree2.yaml`, check `dataset:`: a FoldTree2 HDF5 file with the run's res.x width (`npm run build-dataset -- --foldtree2-exact` writes FoldTree2's 857 columns).",
  "3. In the folder, run `python3 foldtree2_handover.py`: it builds learn_lightning.py's model, loads the weights strictly and writes `models/<model_name>_best_encoder.pt` and `_best_decoder.pt`.",
  '4. Still in the folder, run `python <foldtree2 checkout>/foldtree2/learn_lightning.py --config foldtree2.yaml --gpus <N>` (without `--overwrite`): it continues from those modules.',
  '5. To come back, save the PyTorch state_dict as safetensors (docs/foldtree2-weights.md) and start a studio run with `--init-weights` (CLI) or "Start from weights…" (page).',
];
