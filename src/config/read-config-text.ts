/**
 * Config text → the key/value pairs it holds, in file order, duplicates kept (PyYAML lets a later key win and
 * FoldTree2's own YAMLs repeat keys, so repeats are the importer's business, not a parse error). YAML or JSON is
 * told by the file name, else by the first character. A top-level `group:` mapping (`training: {epochs: 5}`)
 * and the `studio:` block of a FoldTree2 export are opened one level.
 */
import { isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import { isRecord } from '../shared/assert-never';
import type { RunConfigGroup } from '../protocol/run-config';
import type { ConfigIssue } from './config-messages';
import { CONFIG_GROUPS } from './run-config-values';

/** The block in which `exportConfig(…, 'foldtree2-yaml')` keeps settings FoldTree2 has no flag for. */
export const STUDIO_BLOCK = 'studio';

export interface RawEntry {
  /** The key as shown to the user: `batch_size`, `training.epochs`, `studio.clipGradMaxNorm`. */
  readonly shown: string;
  /** The key itself, without its enclosing block. */
  readonly name: string;
  /** The group mapping it sat in, if any (`studio:` block entries have none: they are looked up like top-level keys). */
  readonly group?: RunConfigGroup;
  /** Inside a group or the `studio:` block: a studio file, whatever spelling the key uses. */
  readonly nested: boolean;
  readonly value: unknown;
}

export interface ConfigText {
  readonly format: 'yaml' | 'json';
  readonly entries: readonly RawEntry[];
  /** Group keys whose value was not a mapping. */
  readonly issues: readonly ConfigIssue[];
}

type Pairs = ReadonlyArray<readonly [string, unknown]>;

/** A nested mapping, kept as its pairs so repeated keys inside it survive too. */
class NestedPairs {
  constructor(readonly pairs: Pairs) {}
}

function yamlPairs(text: string, fileName: string): Pairs {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: true });
  const error = doc.errors[0];
  if (error) throw new Error(`${fileName}: not valid YAML: ${error.message}`);
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return [];
  if (!isMap(root))
    throw new Error(
      `${fileName}: a config must be a mapping of keys to values (key: value lines), but this file ${describeRoot(root.toJS(doc))}`,
    );
  return mapPairs(root.items, doc);
}

/** What a config file holds instead of a mapping, in words: "is a YAML list (2 items)", "holds only the text …". */
function describeRoot(value: unknown): string {
  if (Array.isArray(value))
    return `is a YAML list (${value.length} item${value.length === 1 ? '' : 's'} starting with "- ")`;
  if (typeof value === 'string')
    return `holds only the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `holds only the ${typeof value} ${String(value)}`;
}

function mapPairs(items: ReadonlyArray<{ key: unknown; value: unknown }>, doc: Document): Pairs {
  return items.map((pair) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const value = isMap(pair.value)
      ? new NestedPairs(mapPairs(pair.value.items, doc))
      : isNode(pair.value)
        ? pair.value.toJS(doc)
        : pair.value;
    return [key, value] as const;
  });
}

function jsonPairs(text: string, fileName: string): Pairs {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${fileName}: not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(parsed))
    throw new Error(
      `${fileName}: a config must be a JSON object of keys to values, but this file holds ${Array.isArray(parsed) ? 'a JSON array' : `the ${parsed === null ? 'value null' : typeof parsed}`}`,
    );
  const toPairs = (record: Record<string, unknown>): Pairs =>
    Object.entries(record).map(
      ([key, value]) => [key, isRecord(value) ? new NestedPairs(toPairs(value)) : value] as const,
    );
  return toPairs(parsed);
}

/** The file name decides; without a telling extension, text starting with `{` is tried as JSON first. */
function parsePairs(text: string, fileName: string): { format: 'yaml' | 'json'; pairs: Pairs } {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return { format: 'json', pairs: jsonPairs(text, fileName) };
  if (lower.endsWith('.yaml') || lower.endsWith('.yml') || !text.trimStart().startsWith('{')) {
    return { format: 'yaml', pairs: yamlPairs(text, fileName) };
  }
  try {
    return { format: 'json', pairs: jsonPairs(text, fileName) };
  } catch {
    return { format: 'yaml', pairs: yamlPairs(text, fileName) }; // a YAML flow mapping
  }
}

const toPlain = (value: unknown): unknown =>
  value instanceof NestedPairs ? Object.fromEntries(value.pairs.map(([k, v]) => [k, toPlain(v)])) : value;

/** Parses `text` (YAML or JSON) into entries; throws an `Error` naming the file when it cannot be parsed. */
export function readConfigText(text: string, fileName: string): ConfigText {
  const { format, pairs } = parsePairs(text.replace(/^\uFEFF/, ''), fileName); // editors on Windows add a BOM
  const entries: RawEntry[] = [];
  const issues: ConfigIssue[] = [];
  for (const [key, value] of pairs) {
    const group = CONFIG_GROUPS.find((g) => g === key);
    const block = group ?? (key === STUDIO_BLOCK ? STUDIO_BLOCK : undefined);
    if (block === undefined) {
      entries.push({ shown: key, name: key, nested: false, value: toPlain(value) });
    } else if (!(value instanceof NestedPairs)) {
      issues.push({ key, path: key, value: toPlain(value), expected: `a mapping of ${block} keys` });
    } else {
      for (const [name, inner] of value.pairs) {
        const shown = `${key}.${name}`;
        const base = { shown, name, nested: true, value: toPlain(inner) };
        entries.push(group ? { ...base, group } : base);
      }
    }
  }
  return { format, entries, issues };
}
