/**
 * Strict check of a `RunConfig` object that did not come through `importConfig` (a checkpoint, a message, a
 * store): every key present with a value of its exact type and range, no conversions, no extra keys.
 */
import type { RunConfig } from '../protocol/run-config';
import { isRecord } from '../shared/assert-never';
import { coerceValue, describeExpected } from './coerce-value';
import { ConfigError, type ConfigIssue } from './config-messages';
import { CONFIG_GROUPS, leafOf, readConfigValue, SCHEMA_ROWS } from './run-config-values';

/** Every problem with `value` as a `RunConfig`; empty when it is one. */
export function checkRunConfig(value: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const spec of SCHEMA_ROWS) {
    const raw = readConfigValue(value, spec.path);
    const coerced = coerceValue(spec, raw);
    if (!coerced.ok || coerced.conversion) {
      issues.push({ key: spec.path, path: spec.path, value: raw, expected: describeExpected(spec) });
    }
  }
  if (!isRecord(value)) return issues;
  for (const [group, keys] of Object.entries(value)) {
    const known = SCHEMA_ROWS.filter((spec) => spec.path.startsWith(`${group}.`)).map((spec) => leafOf(spec.path));
    if (!CONFIG_GROUPS.some((g) => g === group)) {
      issues.push({
        key: group,
        path: group,
        value: keys,
        expected: `no such group (groups: ${CONFIG_GROUPS.join(', ')})`,
      });
    } else if (isRecord(keys)) {
      for (const key of Object.keys(keys)) {
        if (!known.includes(key))
          issues.push({ key: `${group}.${key}`, path: `${group}.${key}`, value: keys[key], expected: 'no such key' });
      }
    }
  }
  return issues;
}

/** Throws a `ConfigError` naming `source` unless `value` is a complete, valid `RunConfig`. */
export function assertRunConfig(value: unknown, source: string): asserts value is RunConfig {
  const issues = checkRunConfig(value);
  if (issues.length > 0) throw new ConfigError(source, issues);
}
