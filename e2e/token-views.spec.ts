import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { readEncodedFasta } from '../src/data/tokens/encoded-fasta';
import { collectConsoleErrors } from './console-errors';
import { fixturePath } from './fixture-files';
import { StudioPage } from './studio-page';
import { TokenViewsPage } from './token-views-page';
import { TrainingPage } from './training-page';

test('tokens on the 3D structure, the dataset encoded to FASTA equal to the per-protein token request, the token table', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const consoleErrors = collectConsoleErrors(page);
  // The viewer library is fetched only once a structure is drawn, never by the first page.
  const viewerRequests: string[] = [];
  page.on('request', (request) => {
    if (/3Dmol-[^/]*\.js$/.test(request.url())) viewerRequests.push(request.url());
  });
  const studio = new StudioPage(page);
  const training = new TrainingPage(page);
  const views = new TokenViewsPage(page);
  await studio.open();
  await studio.proteinCountValue();
  await studio.pick([fixturePath('tiny-structs.h5')]);
  await expect(studio.proteinCount).toHaveText('3');
  expect(viewerRequests).toEqual([]);

  // A short run on WebAssembly; the teaching preset (32 codes, dead codes reset) spreads its tokens within steps, where the
  // tiny one settles on a single code. The 3D view refreshes every 10 steps.
  await training.configure({
    preset: 'teaching',
    batchSize: 1,
    maxResidues: 32,
    epochs: 2000,
    seed: 7,
    backend: 'wasm',
  });
  await training.start();
  await expect(training.state).toHaveText('running', { timeout: 90_000 });

  // The viewer draws only while on screen (off screen it keeps its last picture): look at it, as a user would.
  await views.structure.scrollIntoViewIfNeeded();
  // The viewer renders the first protein's trace into a WebGL canvas that is not blank. Pixels are read while the
  // run is paused: SwiftShader draws on the same two CPU cores the trainers use.
  await expect(views.viewer).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  expect(viewerRequests).toHaveLength(1);
  await training.pauseButton.click();
  await expect(training.state).toHaveText('paused', { timeout: 60_000 });
  const first = await views.viewer.getAttribute('data-protein');
  expect(Number(await views.viewer.getAttribute('data-residues'))).toBeGreaterThan(20);
  await expect.poll(async () => (await views.canvasPixels()).nonWhite, { timeout: 60_000 }).toBeGreaterThan(500);
  const early = {
    step: Number(await views.structure.getAttribute('data-step')),
    colors: await views.viewer.getAttribute('data-colors'),
    pixels: await views.canvasPixels(),
  };
  await expect(views.legend.locator('li[data-code]')).not.toHaveCount(0);

  // After more training steps the tokens, and so the colours on the structure, have changed.
  await training.resumeButton.click();
  await views.structure.scrollIntoViewIfNeeded();
  await expect
    .poll(
      async () =>
        (await views.viewer.getAttribute('data-colors')) !== early.colors
          ? 'changed'
          : `step ${await views.structure.getAttribute('data-step')}`,
      { timeout: 120_000 },
    )
    .toBe('changed');
  await training.pauseButton.click();
  await expect(training.state).toHaveText('paused', { timeout: 60_000 });
  expect(Number(await views.structure.getAttribute('data-step'))).toBeGreaterThan(early.step);
  await expect
    .poll(async () => (await views.canvasPixels()).checksum, { timeout: 30_000 })
    .not.toBe(early.pixels.checksum);

  // Hover names the residue, its amino acid, token and confidence.
  expect(await views.hoverResidue()).toBe(true);
  await expect(views.hover).toContainText(/Residue \d+ · [A-Z] · token \d+ · (pLDDT [\d.]+|no pLDDT)/);

  // pLDDT and secondary-structure colouring recolour the same structure.
  const tokenColors = await views.viewer.getAttribute('data-colors');
  await page.getByTestId('teaching-structure-mode-ss').check();
  await expect(views.viewer).not.toHaveAttribute('data-colors', tokenColors ?? '');
  await expect(views.legend).toContainText('Helix (H)');
  await page.getByTestId('teaching-structure-mode-plddt').check();
  await expect(views.legend).toContainText(/pLDDT/);
  await page.getByTestId('teaching-structure-mode-token').check();

  // Paused, so the weights hold still: encode the dataset with them.
  const step = await training.stepValue();
  await views.encodeCurrent.click();
  await expect(views.encodeControls).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(views.encodeMessage).toContainText('3 proteins encoded');
  await expect(views.table).toHaveAttribute('data-rows', /[1-9]/);
  await expect(views.table).toContainText(`at step ${step}`);
  expect(await views.table.locator('tbody tr').count()).toBe(32);
  await expect(views.information).toHaveAttribute('data-points', '1');
  // Sorting by residues puts the most used token first.
  await page.getByTestId('token-sort-residues').click();
  const counts = await views.table.locator('tbody tr td:nth-child(2)').allTextContents();
  expect(counts.map(Number)).toEqual([...counts.map(Number)].sort((a, b) => b - a));
  const csv = page.waitForEvent('download');
  await page.getByTestId('token-table-csv').click();
  expect(readFileSync(await (await csv).path(), 'utf8').split('\n')[0]).toBe(
    'token,residues,helix_pct,strand_pct,coil_pct,mean_plddt,top_amino_acids',
  );

  const download = page.waitForEvent('download');
  await page.getByTestId('encode-download-fasta').click();
  const fasta = readEncodedFasta(readFileSync(await (await download).path(), 'utf8'));
  expect([...fasta.keys()].sort()).toEqual(['1PPG_E', 'pae_model_A', 'pdb1ubi_A']);
  const table = page.waitForEvent('download');
  await page.getByTestId('encode-download-table').click();
  const rows = readFileSync(await (await table).path(), 'utf8')
    .trimEnd()
    .split('\n');
  expect(rows.length - 1).toBe([...fasta.values()].reduce((sum, codes) => sum + codes.length, 0));

  // The page's own per-protein token request gives the same codes for every protein under the same weights.
  for (const id of fasta.keys()) {
    await views.stripProtein.selectOption(id);
    await views.waitForProtein(id, step);
    expect(await views.codes(), id).toEqual(fasta.get(id));
  }
  await views.stripProtein.selectOption(first ?? '');
  await views.waitForProtein(first ?? '', step);
  await views.structure.screenshot({ path: testInfo.outputPath('token-structure.png') });
  await page.getByTestId('tokens-panel').screenshot({ path: testInfo.outputPath('token-table.png') });

  // The dataset panel's row opens the same protein in its own 3D view.
  await page.getByTestId('protein-rows').locator('summary').click();
  await page.getByTestId('protein-3d-pdb1ubi_A').click();
  const rowView = page.getByTestId('dataset-structure').getByTestId('structure-viewer');
  await expect(rowView).toHaveAttribute('data-protein', 'pdb1ubi_A', { timeout: 60_000 });
  await expect(rowView).toHaveAttribute('data-state', 'ready');
  await expect.poll(async () => (await views.canvasPixels(rowView)).nonWhite, { timeout: 60_000 }).toBeGreaterThan(500);

  await training.stopButton.click();
  await expect(training.state).toHaveText('stopped', { timeout: 60_000 });
  expect(consoleErrors).toEqual([]);
});
