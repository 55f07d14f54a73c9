/**
 * The run's config from the command line: the file read by the studio's own importer (studio or FoldTree2
 * spellings; a wrong type an error), then every command-line value applied over it in order, each checked against
 * its key's schema row like an edit in the page. A key nobody knows, in the file or on the command line, is an
 * error here rather than the page's warning: an unattended run must not train for hours on a default the user
 * meant to change (`batchSise: 2` would leave the batch at 20).
 */
import { parse } from 'yaml';
import { issueText } from '../../src/config/config-messages';
import { importConfig } from '../../src/config/import-config';
import { closestSpelling, lookupKey } from '../../src/config/key-index';
import type { RunConfig } from '../../src/protocol/run-config';
import { withConfigValue } from '../../src/state/config/config-edit';
import type { ConfigOverride } from './cli-args';
import { usageError } from './exit-codes';
import { defaultRunName } from '../../src/protocol/run-name';

export interface ResolvedConfig {
  readonly config: RunConfig;
  /** The importer's warnings and notes, then the command line's, as full sentences. */
  readonly warnings: readonly string[];
}

/** `max-steps` → `maxSteps`: flags are kebab-case, the studio's bare keys camelCase. */
function camelCase(key: string): string {
  return key.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A command-line value as YAML reads it (`50` a number, `null`, `true`, `[1, 2]`); text that is not YAML stays text. */
export function readValueText(text: string): unknown {
  try {
    return parse(text) as unknown;
  } catch {
    return text;
  }
}

function applyOverride(config: RunConfig, override: ConfigOverride, warnings: string[]): RunConfig {
  let match = lookupKey(override.key);
  if (match.kind === 'unknown') match = lookupKey(camelCase(override.key));
  if (match.kind === 'unknown') {
    const near = closestSpelling(override.key) ?? closestSpelling(camelCase(override.key));
    throw usageError(
      `${override.flag}: no such option or config key${near === undefined ? '' : `; did you mean "${near}"?`}`,
    );
  }
  if (match.kind === 'ignored') {
    warnings.push(`${override.flag} ignored: ${match.entry.reason}`);
    return config;
  }
  const value = readValueText(override.text);
  const edit = withConfigValue(config, match.spec.path, value);
  if (!edit.ok) {
    const expected = edit.message.replace(/^expected /, '');
    throw usageError(issueText({ key: override.flag, path: match.spec.path, value, expected }));
  }
  return edit.config;
}

/**
 * `text` (the config file named `fileName`) with `overrides` applied. Throws a usage `CliError` with the importer's
 * message for a file it refuses, or naming the flag for a command-line value that does not fit.
 */
export function resolveConfig(text: string, fileName: string, overrides: readonly ConfigOverride[]): ResolvedConfig {
  let imported;
  try {
    imported = importConfig(text, fileName);
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
  const unknown = imported.warnings.filter((warning) => warning.kind === 'unknown-key');
  if (unknown.length > 0) {
    const more =
      unknown.length > 1 ? ` (and ${unknown.length - 1} more unknown key${unknown.length > 2 ? 's' : ''})` : '';
    // The page's words say the key is ignored; here the run is refused instead.
    throw usageError(`${fileName}: ${(unknown[0]?.message ?? 'unknown key').replace(' ignored', '')}${more}`);
  }
  const warnings = imported.warnings.map((warning) => `${fileName}: ${warning.message}`);
  let config = imported.config;
  for (const override of overrides) config = applyOverride(config, override, warnings);
  return { config, warnings };
}

/**
 * The run's name: `logging.runName`, or the one the trainers would pick (`<preset>-<UTC time>`), fixed here so the
 * run folder, the config written into it and the checkpoints all carry the same name.
 */
export function withRunName(config: RunConfig, now: Date): RunConfig {
  if (config.logging.runName !== null) return config;
  const name = defaultRunName(config.model.preset, now);
  const edit = withConfigValue(config, 'logging.runName', name);
  if (!edit.ok) throw new Error(`logging.runName: ${edit.message}`);
  return edit.config;
}
