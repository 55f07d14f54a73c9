/**
 * The rule table and its lookups in both directions. Each name must match exactly one rule: two matches would make
 * the mapping depend on table order, so they throw (a test runs every preset through this).
 */
import { DECODER_RULES } from './decoder-rules';
import { ENCODER_RULES } from './encoder-rules';
import type { WeightRule } from './rule-builders';

export const WEIGHT_RULES: readonly WeightRule[] = [...ENCODER_RULES, ...DECODER_RULES];

const PLACEHOLDERS: Readonly<Record<string, string>> = { k: '\\d+', p: 'weight|bias' };

function compile(pattern: string): RegExp {
  const source = pattern
    .split(/(\{[a-z]\})/)
    .map((part) => {
      const name = /^\{([a-z])\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      const body = PLACEHOLDERS[name];
      if (body === undefined) throw new Error(`weight rule pattern ${pattern}: unknown placeholder {${name}}`);
      return `(?<${name}>${body})`;
    })
    .join('');
  return new RegExp(`^${source}$`);
}

function fill(pattern: string, groups: Readonly<Record<string, string>>): string {
  return pattern.replace(/\{([a-z])\}/g, (whole, name: string) => groups[name] ?? whole);
}

interface CompiledRule {
  readonly rule: WeightRule;
  readonly studio: RegExp;
  readonly foldtree2: RegExp | null;
}

const COMPILED: readonly CompiledRule[] = WEIGHT_RULES.map((rule) => ({
  rule,
  studio: compile(rule.studio),
  foldtree2: rule.foldtree2 === null ? null : compile(rule.foldtree2),
}));

export interface StudioMatch {
  readonly rule: WeightRule;
  /** The FoldTree2 key, or null when the parameter travels as `studio.<name>`. */
  readonly foldtree2: string | null;
}

export interface Foldtree2Match {
  readonly rule: WeightRule;
  readonly studio: string;
}

function single<T>(matches: T[], what: string): T | undefined {
  if (matches.length > 1)
    throw new Error(`${what} matches ${matches.length} FoldTree2 weight rules; the table must be unambiguous`);
  return matches[0];
}

/** The rule for a studio parameter name, or undefined when none matches. */
export function matchStudioName(name: string): StudioMatch | undefined {
  const matches: StudioMatch[] = [];
  for (const { rule, studio } of COMPILED) {
    const found = studio.exec(name);
    if (found === null) continue;
    matches.push({ rule, foldtree2: rule.foldtree2 === null ? null : fill(rule.foldtree2, found.groups ?? {}) });
  }
  return single(matches, `studio parameter ${name}`);
}

/** The rule for a FoldTree2 key, or undefined when the studio has no parameter for it. */
export function matchFoldtree2Key(key: string): Foldtree2Match | undefined {
  const matches: Foldtree2Match[] = [];
  for (const { rule, foldtree2 } of COMPILED) {
    if (foldtree2 === null) continue;
    const found = foldtree2.exec(key);
    if (found === null) continue;
    matches.push({ rule, studio: fill(rule.studio, found.groups ?? {}) });
  }
  return single(matches, `FoldTree2 key ${key}`);
}
