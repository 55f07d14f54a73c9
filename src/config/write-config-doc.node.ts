/**
 * Regenerates the key tables of docs/config.md from the schema:
 *   npx tsx src/config/write-config-doc.node.ts
 * The prose around the markers is kept as written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { replaceGeneratedSection } from './config-doc';

export const CONFIG_DOC_PATH = fileURLToPath(new URL('../../docs/config.md', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const before = readFileSync(CONFIG_DOC_PATH, 'utf8');
  const after = replaceGeneratedSection(before);
  writeFileSync(CONFIG_DOC_PATH, after);
  console.log(after === before ? 'docs/config.md is up to date' : 'docs/config.md regenerated');
}
