/**
 * What importing a config can say: warnings (the config was still built) and the error (it was not).
 * Messages are full sentences naming the key as written in the file and, where it differs, the studio's path.
 */

export const CONFIG_WARNING_KINDS = [
  /** A key neither the studio nor FoldTree2 knows; ignored. */
  'unknown-key',
  /** A FoldTree2 key that means nothing in the studio (gpus, tensorboard_dir, …); ignored. */
  'ignored-key',
  /** A number written as a string (PyYAML's `1e-4`), read as the number. */
  'numeric-string',
  /** Another spelling of a value (`yes`, FoldTree2's `strategy: auto`), read as the studio's value. */
  'converted-value',
  /** The same key set twice (directly or through two spellings) with different values; the last one wins. */
  'duplicate-key',
  /** A FoldTree2 key whose meaning differs in the studio. */
  'foldtree2-difference',
  /** A FoldTree2 file: what the studio assumed for keys the file does not set. */
  'foldtree2-defaults',
  /** A combination of values worth knowing about (e.g. a warm-up ratio overriding warm-up steps). */
  'combination',
] as const;

export type ConfigWarningKind = (typeof CONFIG_WARNING_KINDS)[number];

export interface ConfigWarning {
  readonly kind: ConfigWarningKind;
  /** `info`: nothing to fix, worth knowing; `warning`: the file probably does not say what its author meant. */
  readonly severity: 'info' | 'warning';
  /** The key as written in the file (`batch_size`, `training.batchSize`); a note about several keys names them all. */
  readonly key: string;
  readonly message: string;
}

/** One value the studio cannot accept. */
export interface ConfigIssue {
  /** The key as written (`batch_size`, `training.batchSize`). */
  readonly key: string;
  /** The studio path it maps to (`training.batchSize`); the same as `key` when written that way. */
  readonly path: string;
  readonly value: unknown;
  /** What the key accepts, in words ("an integer in [1, 4096]"). */
  readonly expected: string;
}

/** A short, readable rendering of a value from a file. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number') return String(value);
  const json = JSON.stringify(value);
  const kind = Array.isArray(value)
    ? 'a list'
    : value === null
      ? ''
      : typeof value === 'object'
        ? 'a mapping'
        : `a ${typeof value}`;
  return kind ? `${json} (${kind})` : json;
}

export function issueText(issue: ConfigIssue): string {
  const name = issue.key === issue.path ? issue.path : `${issue.key} (${issue.path})`;
  return `${name}: got ${showValue(issue.value)}, expected ${issue.expected}`;
}

/** Thrown when a config has values of the wrong type or out of range; lists every such key. */
export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];

  constructor(source: string, issues: readonly ConfigIssue[]) {
    const lines = issues.map((issue) => `  - ${issueText(issue)}`);
    super(
      `${source}: ${issues.length === 1 ? 'invalid value' : `${issues.length} invalid values`}\n${lines.join('\n')}`,
    );
    this.name = 'ConfigError';
    this.issues = issues;
  }
}
