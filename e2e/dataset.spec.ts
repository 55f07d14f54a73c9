import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countProteinsIndependently, fixturePath, repoPath } from './fixture-files';
import { StudioPage } from './studio-page';

test('the page loads the bundled sample in a worker and shows its protein count, histogram and skipped list', async ({
  page,
}) => {
  const expected = countProteinsIndependently(repoPath('public/sample/sample-structs.h5'));
  const studio = new StudioPage(page);
  await studio.open();
  expect(await studio.proteinCountValue()).toBe(expected);
  await expect(studio.datasetName).toHaveText('sample-structs.h5');
  await expect(studio.histogram).toBeVisible();
});

test('an .h5 file picked through the file input loads in the worker', async ({ page }) => {
  const tiny = fixturePath('tiny-structs.h5');
  const studio = new StudioPage(page);
  await studio.open();
  await studio.proteinCountValue();
  await studio.pick([tiny]);
  await expect(studio.datasetName).toHaveText('tiny-structs.h5');
  expect(await studio.proteinCountValue()).toBe(countProteinsIndependently(tiny));
});

test('PDB files picked together are built into graphs, and a broken one is listed with its reason', async ({
  page,
}) => {
  const folder = mkdtempSync(join(tmpdir(), 'studio-e2e-'));
  const broken = join(folder, 'broken.pdb');
  writeFileSync(broken, 'HEADER    NOT REALLY A STRUCTURE\nEND\n');
  const studio = new StudioPage(page);
  await studio.open();
  await studio.proteinCountValue();
  await studio.pick([
    fixturePath('structures/python3-prody-tests/pdb1ubi.pdb.gz'),
    fixturePath('structures/python3-cctbx/AF_json_v3.pdb.gz'),
    broken,
  ]);
  await expect(studio.datasetName).toContainText('3 files');
  expect(await studio.proteinCountValue()).toBe(2);
  await expect(studio.skippedList).toContainText('broken.pdb');
});

test('a file that is not HDF5 gets one clear error naming it, and the dataset already open stays', async ({ page }) => {
  const folder = mkdtempSync(join(tmpdir(), 'studio-e2e-'));
  const fake = join(folder, 'not-really.h5');
  writeFileSync(fake, 'just some text, no HDF5 signature here');
  const studio = new StudioPage(page);
  await studio.open();
  const before = await studio.proteinCountValue();
  await studio.pick([fake]);
  await expect(studio.datasetError).toContainText('not-really.h5');
  await expect(studio.datasetError).toContainText(/not an HDF5 file/);
  expect(await studio.proteinCountValue()).toBe(before);
});
