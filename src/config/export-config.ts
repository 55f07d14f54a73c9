/**
 * `exportConfig(config, format)`: the resolved config (every key) as the studio's YAML or JSON, which
 * `importConfig` reads back to the identical config, or as a FoldTree2 learn_lightning YAML for the scale-out
 * path (`export-foldtree2.ts`).
 */
import type { RunConfig } from '../protocol/run-config';
import { assertRunConfig } from './check-run-config';
import { exportFoldtree2Yaml, type ModelSizes } from './export-foldtree2';
import { buildRunConfig, CONFIG_GROUPS, groupOf, leafOf, readConfigValue, SCHEMA_ROWS } from './run-config-values';
import type { ConfigValue } from './schema-types';
import { yamlComment, yamlValue } from './yaml-text';

export type ExportFormat = 'yaml' | 'json' | 'foldtree2-yaml';

export interface ExportOptions {
  /**
   * The sizes the model preset resolves to (the train folder knows them). Only `foldtree2-yaml` uses them, to
   * write hidden_size / embedding_dim / num_embeddings where the config leaves them to the preset (null).
   */
  readonly modelSizes?: ModelSizes;
  /** The trainer count a run resolved `training.workers` (0 = auto) to, for the effective-batch comment. */
  readonly trainers?: number;
}

function studioYaml(config: RunConfig): string {
  const lines = [
    yamlComment(['FoldTree Studio run configuration: every key, resolved (docs/config.md describes each).']),
    '',
  ];
  for (const group of CONFIG_GROUPS) {
    lines.push(`${group}:`);
    for (const spec of SCHEMA_ROWS.filter((row) => groupOf(row.path) === group)) {
      const value = readConfigValue(config, spec.path) as ConfigValue;
      lines.push(`  ${leafOf(spec.path)}: ${yamlValue(value, spec.kind === 'number' || spec.kind === 'number[]')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Text of `config` in `format`; throws a `ConfigError` if `config` is not a complete, valid `RunConfig`. */
export function exportConfig(config: RunConfig, format: ExportFormat, options: ExportOptions = {}): string {
  assertRunConfig(config, 'exportConfig');
  switch (format) {
    case 'json':
      // Rebuilt from the table so keys come out in schema order whatever order the object was built in.
      return `${JSON.stringify(
        buildRunConfig((spec) => readConfigValue(config, spec.path) as ConfigValue),
        null,
        2,
      )}\n`;
    case 'yaml':
      return studioYaml(config);
    case 'foldtree2-yaml':
      return exportFoldtree2Yaml(config, options.modelSizes, options.trainers);
  }
}
