/**
 * The generated part of docs/config.md: one table per group with every key of the schema, and the table of
 * FoldTree2 keys the studio ignores. `write-config-doc.node.ts` puts it between the markers below, and a test
 * fails when the doc and the schema disagree.
 */
import { describeExpected } from './coerce-value';
import { IGNORED_FOLDTREE2_KEYS } from './foldtree2-ignored-keys';
import { foldtree2Forms } from './key-index';
import { CONFIG_GROUPS, groupOf, SCHEMA_ROWS } from './run-config-values';
import type { ConfigValue, KeySpec } from './schema-types';

export const DOC_BEGIN =
  '<!-- BEGIN GENERATED from src/config/schema.ts: npx tsx src/config/write-config-doc.node.ts -->';
export const DOC_END = '<!-- END GENERATED -->';

const cell = (text: string): string => text.replaceAll('|', '\\|');
const code = (text: string): string => `\`${text}\``;
const show = (value: ConfigValue): string =>
  code(Array.isArray(value) ? `[${value.map((v) => +v.toPrecision(6)).join(', ')}]` : JSON.stringify(value));

function typeName(spec: KeySpec): string {
  const nullable = 'nullable' in spec && spec.nullable ? ' or null' : '';
  return `${spec.kind}${nullable}`;
}

function foldtree2Cell(spec: KeySpec): string {
  const parts: string[] = [];
  if (spec.ft2) parts.push(spec.ft2.flatMap(foldtree2Forms).map(code).join(', '));
  if (spec.ft2Lightning === false) parts.push('learn_monodecoder only (exported in the studio block)');
  if (spec.ft2Values) parts.push(`learn_lightning takes ${spec.ft2Values.map(code).join(', ')}`);
  const aliases = spec.kind === 'enum' ? Object.entries(spec.valueAliases) : [];
  if (aliases.length > 0)
    parts.push(`read as ${aliases.map(([from, to]) => `${code(from)} → ${code(to)}`).join(', ')}`);
  if (spec.ft2Default !== undefined) parts.push(`FoldTree2 default ${show(spec.ft2Default)}.`);
  if (spec.ft2Note) parts.push(`${spec.ft2Note}.`);
  return parts.length > 0 ? parts.join('<br>') : '— (studio only)';
}

function keyTable(rows: readonly KeySpec[]): string[] {
  const lines = ['| key | type | default | accepts | FoldTree2 spellings | description |', '|---|---|---|---|---|---|'];
  for (const spec of rows) {
    const names = [spec.path, ...(spec.aliases ?? [])].map(code).join(', ');
    const cells = [names, typeName(spec), show(spec.default), describeExpected(spec), foldtree2Cell(spec), spec.doc];
    lines.push(`| ${cells.map(cell).join(' | ')} |`);
  }
  return lines;
}

function ignoredTable(): string[] {
  const lines = ['| FoldTree2 keys | why the studio ignores them | silent when the value is |', '|---|---|---|'];
  for (const entry of IGNORED_FOLDTREE2_KEYS) {
    const harmless = entry.harmless?.map((value) => show(value)).join(', ') ?? '—';
    lines.push(`| ${cell(entry.names.map(code).join(', '))} | ${cell(entry.reason)} | ${cell(harmless)} |`);
  }
  return lines;
}

/** The generated section, markers included. */
export function renderConfigDoc(): string {
  const lines = [DOC_BEGIN, '', `${SCHEMA_ROWS.length} keys in ${CONFIG_GROUPS.length} groups.`];
  for (const group of CONFIG_GROUPS) {
    lines.push('', `### ${group}`, '', ...keyTable(SCHEMA_ROWS.filter((spec) => groupOf(spec.path) === group)));
  }
  lines.push('', '### FoldTree2 keys without a studio meaning', '', ...ignoredTable(), '', DOC_END);
  return lines.join('\n');
}

/** `doc` with its generated section replaced by the current one. */
export function replaceGeneratedSection(doc: string): string {
  const begin = doc.indexOf(DOC_BEGIN);
  const end = doc.indexOf(DOC_END);
  if (begin < 0 || end < begin) throw new Error('docs/config.md: generated-section markers not found');
  return `${doc.slice(0, begin)}${renderConfigDoc()}${doc.slice(end + DOC_END.length)}`;
}
