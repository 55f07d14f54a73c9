/**
 * Regenerates the tables of docs/foldtree2-weights.md from the rules: `npx tsx src/train/foldtree2-weights/write-mapping-doc.node.ts`.
 * The doc test fails until this has been run after a rule or preset changes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { MAPPING_DOC_URL, regenerateDoc } from './mapping-doc';

const before = readFileSync(MAPPING_DOC_URL, 'utf8');
const after = regenerateDoc(before);
writeFileSync(MAPPING_DOC_URL, after);
console.log(after === before ? 'docs/foldtree2-weights.md is up to date' : 'docs/foldtree2-weights.md regenerated');
