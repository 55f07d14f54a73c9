import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { renderConfigDoc } from './config-doc';
import { IGNORED_FOLDTREE2_KEYS } from './foldtree2-ignored-keys';
import { foldtree2Forms } from './key-index';
import { SCHEMA_ROWS } from './run-config-values';
import { CONFIG_DOC_PATH } from './write-config-doc.node';

const doc = readFileSync(CONFIG_DOC_PATH, 'utf8');

describe('docs/config.md', () => {
  test('holds the tables generated from the current schema (else: npx tsx src/config/write-config-doc.node.ts)', () => {
    expect(doc).toContain(renderConfigDoc());
  });

  test('lists every schema key, its default, and every FoldTree2 spelling, in dest and dashed form', () => {
    for (const spec of SCHEMA_ROWS) {
      expect(doc, spec.path).toContain(`| \`${spec.path}\``);
      for (const name of spec.ft2 ?? [])
        for (const form of foldtree2Forms(name)) expect(doc, form).toContain(`\`${form}\``);
    }
  });

  test('lists every ignored FoldTree2 key with its reason', () => {
    for (const entry of IGNORED_FOLDTREE2_KEYS) {
      expect(doc).toContain(entry.reason);
      for (const name of entry.names) expect(doc, name).toContain(`\`${name}\``);
    }
  });
});
