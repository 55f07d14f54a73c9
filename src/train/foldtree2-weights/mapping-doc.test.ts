import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import {
  foldtree2PresetRows,
  MAPPING_DOC_URL,
  parseMappingTable,
  regenerateDoc,
  REGENERATE_COMMAND,
} from './mapping-doc';

test(`docs/foldtree2-weights.md holds the tables the code produces (else run: ${REGENERATE_COMMAND})`, () => {
  const doc = readFileSync(MAPPING_DOC_URL, 'utf8');
  expect(regenerateDoc(doc) === doc, `the generated sections are stale: ${REGENERATE_COMMAND}`).toBe(true);
});

test('the documented table reads back as the rows of the foldtree2 preset, one per parameter', () => {
  const documented = parseMappingTable(readFileSync(MAPPING_DOC_URL, 'utf8'));
  const rows = foldtree2PresetRows();
  expect(documented.map((row) => row.studio)).toEqual(rows.map((row) => row.studio));
  expect(documented.map((row) => row.fileShape)).toEqual(rows.map((row) => row.foldtree2Shape ?? row.studioShape));
  expect(documented.filter((row) => row.transform === 'studio only').map((row) => row.fileKey)).toEqual(
    rows.filter((row) => row.foldtree2 === null).map((row) => `studio.${row.studio}`),
  );
});
