/**
 * Every accepted spelling of every key, and the lookup from a key as written in a file to its schema row.
 * Studio spellings: `group.key`, the bare key (unique across groups) and any `aliases`. FoldTree2 spellings: the
 * row's argparse dest names and aliases, with underscores or with dashes (learn_monodecoder maps `-` to `_`).
 * Spellings are exact (case-sensitive); a near miss is reported as unknown with the closest spelling.
 */
import { IGNORED_FOLDTREE2_KEYS, type IgnoredFoldtree2Keys } from './foldtree2-ignored-keys';
import { leafOf, SCHEMA_ROWS } from './run-config-values';
import type { KeySpec } from './schema-types';

export type KeyMatch =
  | {
      readonly kind: 'key';
      readonly spec: KeySpec;
      /** Written in a FoldTree2-only spelling (`batch_size`). */ readonly foldtree2: boolean;
    }
  | { readonly kind: 'ignored'; readonly entry: IgnoredFoldtree2Keys }
  | { readonly kind: 'unknown' };

/** A FoldTree2 dest name and its dashed flag form. */
export function foldtree2Forms(name: string): string[] {
  const dashed = name.replaceAll('_', '-');
  return dashed === name ? [name] : [name, dashed];
}

/** The studio's own spellings of a row. */
export function studioSpellings(spec: KeySpec): string[] {
  return [spec.path, leafOf(spec.path), ...(spec.aliases ?? [])];
}

function buildIndex(): Map<string, KeyMatch> {
  const index = new Map<string, KeyMatch>();
  // Studio spellings go in first, so a FoldTree2 name that equals one (`epochs`, `seed`) counts as the studio's.
  const add = (spelling: string, match: KeyMatch): void => {
    const previous = index.get(spelling);
    if (!previous) index.set(spelling, match);
    else if (!(previous.kind === 'key' && match.kind === 'key' && previous.spec === match.spec)) {
      throw new Error(`config schema: the spelling "${spelling}" names two keys`);
    }
  };
  for (const spec of SCHEMA_ROWS) {
    for (const spelling of studioSpellings(spec)) add(spelling, { kind: 'key', spec, foldtree2: false });
  }
  for (const spec of SCHEMA_ROWS) {
    for (const name of spec.ft2 ?? [])
      for (const form of foldtree2Forms(name)) add(form, { kind: 'key', spec, foldtree2: true });
  }
  for (const entry of IGNORED_FOLDTREE2_KEYS) {
    for (const name of entry.names) for (const form of foldtree2Forms(name)) add(form, { kind: 'ignored', entry });
  }
  return index;
}

const INDEX = buildIndex();

/** What a key written at the top level of a file (or inside a group, prefixed `group.`) stands for. */
export function lookupKey(written: string): KeyMatch {
  return INDEX.get(written) ?? { kind: 'unknown' };
}

/** Every accepted spelling (for suggestions and the docs). */
export function knownSpellings(): string[] {
  return [...INDEX.keys()];
}

const normalise = (s: string): string => s.toLowerCase().replace(/[-_.]/g, '');

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      next.push(Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + cost));
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

/**
 * The known spelling closest to `written` (ignoring case, `-`, `_` and `.`), if it is close enough to be a
 * plausible typo: at most 1 edit for short names, 2 for 6+ characters, 3 for 12+.
 */
export function closestSpelling(written: string): string | undefined {
  const target = normalise(written);
  const allowed = target.length >= 12 ? 3 : target.length >= 6 ? 2 : 1;
  let best: { spelling: string; distance: number; raw: number } | undefined;
  for (const spelling of INDEX.keys()) {
    const distance = editDistance(target, normalise(spelling));
    if (distance > allowed || (best && distance > best.distance)) continue;
    // Ties (batchSize / batch_size) go to the spelling closest to what was written, separators included.
    const raw = editDistance(written.toLowerCase(), spelling.toLowerCase());
    if (!best || distance < best.distance || raw < best.raw) best = { spelling, distance, raw };
  }
  return best?.spelling;
}
