/**
 * Reading and building `RunConfig`s key by key from the schema table, and the defaults. A config is always
 * built whole from the table, so it has every key in schema order and nothing else.
 */
import type { RunConfig, RunConfigGroup } from '../protocol/run-config';
import { CONFIG_SCHEMA } from './schema';
import type { ConfigPath, ConfigValue, KeySpec } from './schema-types';

/** Group names in schema order. */
export const CONFIG_GROUPS: readonly RunConfigGroup[] = [...new Set(CONFIG_SCHEMA.map((spec) => groupOf(spec.path)))];

/** Every row, typed for code that walks the table generically. */
export const SCHEMA_ROWS: readonly KeySpec[] = CONFIG_SCHEMA;

export function groupOf(path: ConfigPath): RunConfigGroup {
  return path.slice(0, path.indexOf('.')) as RunConfigGroup;
}

/** The part after the group: `training.batchSize` → `batchSize`. Unique across the schema. */
export function leafOf(path: ConfigPath): string {
  return path.slice(path.indexOf('.') + 1);
}

/** The value at `path`, or `undefined` when `config` lacks it (a config from outside, before validation). */
export function readConfigValue(config: unknown, path: ConfigPath): unknown {
  const group: unknown = (config as Record<string, unknown> | null)?.[groupOf(path)];
  return typeof group === 'object' && group !== null ? (group as Record<string, unknown>)[leafOf(path)] : undefined;
}

/** A config with `valueOf(spec)` at every key. Arrays are copied so configs never share them. */
export function buildRunConfig(valueOf: (spec: KeySpec) => ConfigValue): RunConfig {
  const config: Record<string, Record<string, ConfigValue>> = {};
  for (const spec of SCHEMA_ROWS) {
    const value = valueOf(spec);
    (config[groupOf(spec.path)] ??= {})[leafOf(spec.path)] = Array.isArray(value) ? [...(value as number[])] : value;
  }
  // The row types tie each path to its RunConfig type and SCHEMA_IS_COMPLETE guarantees every path has a row.
  return config as unknown as RunConfig;
}

/** Every key at its documented default (docs/config.md). */
export function defaultRunConfig(): RunConfig {
  return buildRunConfig((spec) => spec.default);
}
