/**
 * `importConfig(text, fileName)`: a YAML or JSON config — the studio's own (nested, dotted or bare camelCase
 * keys) or FoldTree2's (argparse dest names, dashed flags, legacy aliases) — to a complete `RunConfig`. Keys
 * not in the file keep their defaults. Bad values throw one `ConfigError` listing every one; everything else
 * that needs saying comes back as warnings (docs/config.md, "Messages").
 */
import type { RunConfig } from '../protocol/run-config';
import { coerceValue } from './coerce-value';
import { ConfigError, type ConfigIssue, type ConfigWarning } from './config-messages';
import { foldtree2Assumptions, type ReadValues } from './foldtree2-assumptions';
import { closestSpelling, lookupKey, type KeyMatch } from './key-index';
import { readConfigText, type RawEntry } from './read-config-text';
import { buildRunConfig, groupOf } from './run-config-values';
import type { ConfigValue } from './schema-types';

export interface ImportedConfig {
  readonly config: RunConfig;
  readonly warnings: readonly ConfigWarning[];
  readonly format: 'yaml' | 'json';
  /** The file used FoldTree2 spellings or keys: the model preset and absent keys were chosen as reported. */
  readonly foldtree2: boolean;
}

function resolve(entry: RawEntry): KeyMatch {
  if (entry.group === undefined) return lookupKey(entry.name);
  const direct = lookupKey(`${entry.group}.${entry.name}`);
  if (direct.kind === 'key') return direct;
  const bare = lookupKey(entry.name);
  return bare.kind === 'key' && groupOf(bare.spec.path) === entry.group ? bare : { kind: 'unknown' };
}

function unknownKey(entry: RawEntry): ConfigWarning {
  const near = closestSpelling(entry.shown);
  const match = near === undefined ? undefined : lookupKey(near);
  const hint =
    near === undefined
      ? ''
      : match?.kind === 'key' && match.spec.path !== near
        ? `; did you mean "${near}" (${match.spec.path})?`
        : `; did you mean "${near}"?`;
  return {
    kind: 'unknown-key',
    severity: 'warning',
    key: entry.shown,
    message: `Unknown key "${entry.shown}" ignored${hint}`,
  };
}

/** Values that are fine alone but worth a note together. */
function combinationNotes(config: RunConfig, values: ReadValues): ConfigWarning[] {
  const notes: ConfigWarning[] = [];
  const shown = (path: Parameters<ReadValues['get']>[0]): string => values.get(path)?.shown ?? path;
  const { lrWarmupRatio, lrWarmupSteps } = config.schedule;
  if (lrWarmupRatio > 0 && lrWarmupSteps > 0) {
    const message = `lrWarmupRatio ${lrWarmupRatio} > 0 overrides lrWarmupSteps ${lrWarmupSteps}: warm-up is ${lrWarmupRatio} of all steps`;
    notes.push({ kind: 'combination', severity: 'info', key: shown('schedule.lrWarmupSteps'), message });
  }
  const { strategy, workers } = config.training;
  if (strategy === 'single' && workers > 1) {
    const message = `strategy "single" trains on one worker: workers ${workers} has no effect`;
    notes.push({ kind: 'combination', severity: 'info', key: shown('training.workers'), message });
  }
  return notes;
}

const sameValue = (a: ConfigValue, b: ConfigValue): boolean => JSON.stringify(a) === JSON.stringify(b);

const PYYAML_NOTE = ' (PyYAML reads a number such as 1e-4, written without a dot, as a string)';

/** Parses and checks `text`; `fileName` picks the format (.json / .yaml / .yml, else sniffed) and names the source. */
export function importConfig(text: string, fileName: string): ImportedConfig {
  const { format, entries, issues: structural } = readConfigText(text, fileName);
  const warnings: ConfigWarning[] = [];
  const issues: ConfigIssue[] = [...structural];
  const values: ReadValues = new Map();
  let foldtree2 = false;

  for (const entry of entries) {
    const match = resolve(entry);
    if (match.kind === 'unknown') {
      warnings.push(unknownKey(entry));
      continue;
    }
    if (match.kind === 'ignored') {
      foldtree2 ||= !entry.nested;
      const harmless = match.entry.harmless?.some((value) => value === entry.value) ?? false;
      if (!harmless) {
        warnings.push({
          kind: 'ignored-key',
          severity: 'info',
          key: entry.shown,
          message: `"${entry.shown}" ignored: ${match.entry.reason}`,
        });
      }
      continue;
    }
    const { spec } = match;
    const coerced = coerceValue(spec, entry.value);
    if (!coerced.ok) {
      issues.push({ key: entry.shown, path: spec.path, value: entry.value, expected: coerced.expected });
      continue;
    }
    const name = entry.shown === spec.path ? spec.path : `${entry.shown} (${spec.path})`;
    if (coerced.conversion) {
      const note = coerced.conversion.kind === 'numeric-string' ? PYYAML_NOTE : '';
      warnings.push({
        kind: coerced.conversion.kind,
        severity: 'warning',
        key: entry.shown,
        message: `${name}: ${coerced.conversion.detail}${note}`,
      });
    }
    if (match.foldtree2) {
      foldtree2 ||= !entry.nested;
      if (spec.ft2Note)
        warnings.push({
          kind: 'foldtree2-difference',
          severity: 'info',
          key: entry.shown,
          message: `${name}: ${spec.ft2Note}`,
        });
    }
    const previous = values.get(spec.path);
    if (previous && !sameValue(previous.value, coerced.value)) {
      warnings.push({
        kind: 'duplicate-key',
        severity: 'warning',
        key: entry.shown,
        message: `${spec.path} is set twice: "${previous.shown}" = ${JSON.stringify(previous.value)}, then "${entry.shown}" = ${JSON.stringify(coerced.value)}; the later one is used`,
      });
    }
    values.set(spec.path, { value: coerced.value, shown: entry.shown });
  }
  if (issues.length > 0) throw new ConfigError(fileName, issues);
  if (foldtree2) {
    const assumed = foldtree2Assumptions(values);
    for (const [path, value] of assumed.values) values.set(path, { value, shown: path });
    warnings.push(...assumed.warnings);
  }

  const config = buildRunConfig((spec) => {
    const read = values.get(spec.path);
    return read ? read.value : spec.default;
  });
  warnings.push(...combinationNotes(config, values));
  return { config, warnings, format, foldtree2 };
}
