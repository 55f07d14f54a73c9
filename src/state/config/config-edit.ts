/**
 * Editing a `RunConfig` one key at a time, checked against the schema row of that key, and the studio's
 * browser-friendly starting config. Pure: the run store keeps the result.
 */
import { coerceValue, describeExpected } from '../../config/coerce-value';
import { buildRunConfig, defaultRunConfig, readConfigValue, SCHEMA_ROWS } from '../../config/run-config-values';
import type { ConfigPath, ConfigValue, KeySpec } from '../../config/schema-types';
import type { RunConfig } from '../../protocol/run-config';

export type { ConfigPath, ConfigValue } from '../../config/schema-types';

/**
 * What the studio changes from the documented defaults so a first run learns visibly in a browser tab: the
 * teaching model, small batches of short crops, AdamW at 2e-3 on a cosine schedule after a 50-step warm-up, a point
 * every step.
 */
export const BROWSER_OVERRIDES: ReadonlyArray<readonly [ConfigPath, ConfigValue]> = [
  ['model.preset', 'teaching'],
  ['training.batchSize', 4],
  ['training.gradientAccumulationSteps', 1],
  ['data.maxResidues', 128],
  ['schedule.lrSchedule', 'cosine'],
  // AdamW at 2e-3 after a 50-step warm-up rather than FoldTree2's 1e-4 after 5 % of the run: the amino-acid loss
  // falls within the first minute on a 2-core CPU (docs/teaching.md has the curves); 1e-4 barely moves it in two.
  ['schedule.lrWarmupRatio', 0],
  ['schedule.lrWarmupSteps', 50],
  ['training.learningRate', 2e-3],
  ['logging.metricInterval', 1],
  ['training.epochs', 50],
];

/** `defaultRunConfig()` with `BROWSER_OVERRIDES` applied. */
export function browserRunConfig(): RunConfig {
  const overrides = new Map<ConfigPath, ConfigValue>(BROWSER_OVERRIDES);
  const defaults = defaultRunConfig();
  return buildRunConfig((spec) =>
    overrides.has(spec.path)
      ? (overrides.get(spec.path) as ConfigValue)
      : (readConfigValue(defaults, spec.path) as ConfigValue),
  );
}

function rowOf(path: ConfigPath): KeySpec {
  const spec = SCHEMA_ROWS.find((row) => row.path === path);
  if (!spec) throw new Error(`No config key ${path}`);
  return spec;
}

export type ConfigEdit =
  { readonly ok: true; readonly config: RunConfig } | { readonly ok: false; readonly message: string };

/**
 * `config` with `path` set to `raw` (a number, a boolean, an enum string, `null`, or the text of a number as
 * typed), or why `raw` cannot go there ("expected an integer in [1, 4096]").
 */
export function withConfigValue(config: RunConfig, path: ConfigPath, raw: unknown): ConfigEdit {
  const spec = rowOf(path);
  const coerced = coerceValue(
    spec,
    typeof raw === 'string' && spec.kind !== 'string' && spec.kind !== 'enum' ? raw.trim() : raw,
  );
  if (!coerced.ok) return { ok: false, message: `expected ${coerced.expected}` };
  return {
    ok: true,
    config: buildRunConfig((row) =>
      row.path === path ? coerced.value : (readConfigValue(config, row.path) as ConfigValue),
    ),
  };
}

/** `config` with every `[path, value]` of `overrides` set in order; throws naming the first value that does not fit. */
export function withConfigValues(
  config: RunConfig,
  overrides: ReadonlyArray<readonly [ConfigPath, unknown]>,
): RunConfig {
  let edited = config;
  for (const [path, value] of overrides) {
    const edit = withConfigValue(edited, path, value);
    if (!edit.ok) throw new Error(`${path}: ${edit.message}`);
    edited = edit.config;
  }
  return edited;
}

/** The value at `path`. */
export function configValue(config: RunConfig, path: ConfigPath): ConfigValue {
  return readConfigValue(config, path) as ConfigValue;
}

/** The one-line description of a key and what it accepts, for labels and tooltips. */
export function describeConfigKey(path: ConfigPath): { readonly doc: string; readonly expected: string } {
  const spec = rowOf(path);
  return { doc: spec.doc, expected: describeExpected(spec) };
}

/** Keys that may change while a run trains (the page offers them live). */
export { isLiveKey } from '../../config/live-changes';
