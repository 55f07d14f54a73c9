/**
 * A `RunConfig` as a FoldTree2 `learn_lightning.py --config` YAML, so a run outgrowing the browser continues on
 * PyTorch across GPUs. Each key is written once: under its learn_lightning name where FoldTree2 can express the
 * value, else in the trailing `studio:` block (learn_lightning skips keys it has no argument for), which
 * `importConfig` reads back, so nothing is lost on the way back into the studio.
 */
import type { RunConfig } from '../protocol/run-config';
import { STUDIO_BLOCK } from './read-config-text';
import { CONFIG_GROUPS, groupOf, leafOf, readConfigValue, SCHEMA_ROWS } from './run-config-values';
import type { ConfigPath, ConfigValue, KeySpec } from './schema-types';
import { yamlComment, yamlValue } from './yaml-text';

/** What the model preset resolves to; src/config cannot know it (the presets live in src/model). */
export interface ModelSizes {
  readonly hiddenSize: number;
  readonly embeddingDim: number;
  readonly numEmbeddings: number;
}

const isFloat = (spec: KeySpec): boolean => spec.kind === 'number' || spec.kind === 'number[]';

/** The value written under the FoldTree2 name, or `undefined` when FoldTree2 cannot take it. */
function foldtree2Value(spec: KeySpec, value: ConfigValue, sizes: ModelSizes | undefined): ConfigValue | undefined {
  if (spec.ft2 === undefined || spec.ft2Lightning === false) return undefined;
  if (spec.ft2Values && !spec.ft2Values.includes(String(value))) return undefined;
  if (value !== null || spec.kind === 'string') return value;
  const resolved = sizes?.[leafOf(spec.path) as keyof ModelSizes];
  return resolved;
}

/** Why a key is left to the studio block, for the comment above it. */
function whyStudioOnly(spec: KeySpec, value: ConfigValue): string {
  if (spec.ft2 === undefined) return 'no FoldTree2 flag';
  if (spec.ft2Lightning === false) return `only learn_monodecoder.py has it (${spec.ft2[0] ?? spec.path})`;
  if (spec.ft2Values && !spec.ft2Values.includes(String(value)))
    return `${yamlValue(value, false)} is not one of FoldTree2's ${spec.ft2Values.join(' / ')}`;
  return 'the model size comes from the studio preset';
}

/** The effective-batch line; `trainers` (the count the run resolved) stands in for `workers` 0 = auto. */
function effectiveBatch(config: RunConfig, trainers: number | undefined): string {
  const { batchSize, workers, gradientAccumulationSteps } = config.training;
  const perWorker = batchSize * gradientAccumulationSteps;
  const start = `Effective batch in the studio: batch_size ${batchSize} x`;
  const end = '; in FoldTree2: batch_size x GPUs x gradient_accumulation_steps.';
  const count = workers > 0 ? workers : trainers;
  if (count === undefined) {
    return `${start} auto workers x ${gradientAccumulationSteps} accumulation = ${perWorker} proteins per step per worker (the studio picks 1-8 workers from the device)${end}`;
  }
  const label = workers > 0 ? `${count} workers` : `${count} workers (auto)`;
  return `${start} ${label} x ${gradientAccumulationSteps} accumulation = ${perWorker * count} proteins per step${end}`;
}

function header(config: RunConfig, presetSizesMissing: boolean, trainers: number | undefined): string {
  const lines = [
    'FoldTree2 learn_lightning.py configuration, exported by FoldTree Studio.',
    '  python foldtree2/learn_lightning.py --config <this file> --gpus <N>',
    'Keys are learn_lightning argparse names (loss weights as at HEAD: edge_weight, x_weight, ...); every number is',
    'written so PyYAML reads it as a number. FoldTree2 takes any key missing here from its own defaults.',
    effectiveBatch(config, trainers),
    `The "${STUDIO_BLOCK}:" block holds settings FoldTree2 has no flag for; learn_lightning ignores it, the studio reads it back.`,
  ];
  if (presetSizesMissing) {
    lines.push(
      `The model sizes come from the studio preset "${config.model.preset}" and were not resolved here, so FoldTree2 would use`,
      'its defaults (hidden_size 256, embedding_dim 128, num_embeddings 40): set them before training.',
    );
  }
  return yamlComment(lines);
}

/**
 * The FoldTree2 YAML text; `sizes` fills model sizes the config leaves to its preset, and `trainers` (the count a
 * run resolved `training.workers` 0 = auto to) completes the header's effective batch.
 */
export function exportFoldtree2Yaml(config: RunConfig, sizes: ModelSizes | undefined, trainers?: number): string {
  const body: string[] = [];
  const studio: string[] = [];
  const lacking: string[] = [];
  let presetSizesMissing = false;
  for (const group of CONFIG_GROUPS) {
    const rows: string[] = [];
    for (const spec of SCHEMA_ROWS.filter((row) => groupOf(row.path) === group)) {
      const value = readConfigValue(config, spec.path as ConfigPath) as ConfigValue;
      const written = foldtree2Value(spec, value, sizes);
      if (written !== undefined && spec.ft2?.[0] !== undefined) {
        rows.push(`${spec.ft2[0]}: ${yamlValue(written, isFloat(spec))}`);
      } else {
        studio.push(`  ${leafOf(spec.path)}: ${yamlValue(value, isFloat(spec))}`);
        lacking.push(`  ${spec.path}: ${whyStudioOnly(spec, value)}`);
        presetSizesMissing ||=
          spec.ft2Lightning !== false && spec.ft2 !== undefined && value === null && spec.kind !== 'string';
      }
    }
    if (rows.length > 0) body.push('', `# ${group}`, ...rows);
  }
  const lackingComment = yamlComment([
    `Keys FoldTree2 lacks (${lacking.length}), kept in the "${STUDIO_BLOCK}:" block for the studio; learn_lightning ignores them:`,
    ...lacking,
  ]);
  return `${header(config, presetSizesMissing, trainers)}\n${body.join('\n')}\n\n${lackingComment}\n${STUDIO_BLOCK}:\n${studio.join('\n')}\n`;
}
