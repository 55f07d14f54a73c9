import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import { StudioPage } from './studio-page';
import { TrainingPage } from './training-page';
import { collectConsoleErrors } from './console-errors';

/** Page object for the runs list (stored runs: overlay, rename, delete, download). */
class RunsList {
  readonly panel: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('runs-panel');
    this.rows = page.getByTestId('run-row');
  }

  row(id: string): Locator {
    return this.page.locator(`[data-testid="run-row"][data-run-id="${id}"]`);
  }

  /** Ids of the listed runs, newest first. */
  async ids(): Promise<string[]> {
    return (await this.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-run-id') ?? ''))).filter(
      Boolean,
    );
  }

  async waitLoaded(): Promise<void> {
    await expect(this.panel).toHaveAttribute('data-loaded', 'true');
  }

  async rename(id: string, name: string): Promise<void> {
    await this.page.getByTestId(`run-rename-${id}`).click();
    await this.page.getByTestId(`run-name-input-${id}`).fill(name);
    await this.page.getByTestId(`run-name-input-${id}`).press('Enter');
  }

  async delete(id: string): Promise<void> {
    await this.page.getByTestId(`run-delete-${id}`).click();
    await this.page.getByTestId(`run-delete-confirm-${id}`).click();
  }

  /** Clicks `button` of run `id` and returns the downloaded file's name and text. */
  async download(id: string, button: 'download' | 'config'): Promise<{ name: string; text: string }> {
    const pending: Promise<Download> = this.page.waitForEvent('download');
    await this.page.getByTestId(`run-${button}-${id}`).click();
    const file = await pending;
    const chunks = await (await file.createReadStream()).toArray();
    return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }
}

test('runs persist across a reload; two overlay on the loss chart; rename, delete and download', async ({
  page,
}, testInfo) => {
  // Two short runs on SwiftShader WebGPU (the first compiles the shaders).
  test.setTimeout(300_000);
  const consoleErrors = collectConsoleErrors(page);

  const studio = new StudioPage(page);
  const training = new TrainingPage(page);
  const runs = new RunsList(page);
  await studio.open();
  await studio.proteinCountValue();
  await runs.waitLoaded();
  await expect(runs.rows).toHaveCount(0);
  await training.configure({ preset: 'tiny', batchSize: 2, maxResidues: 32, maxSteps: 4, seed: 7 });

  for (let k = 1; k <= 2; k++) {
    await training.start();
    await expect(training.state).toHaveText('finished', { timeout: 150_000 });
    await expect(runs.rows).toHaveCount(k);
  }
  const [second, first] = await runs.ids();
  if (!first || !second) throw new Error('two runs expected in the list');

  // The list shows a run's end at once and stores it a moment later; a reload in between would lose it.
  await page.evaluate(() => window.studioTest?.runsWritten());
  await page.reload();
  await runs.waitLoaded();
  expect(await runs.ids()).toEqual([second, first]);
  for (const id of [first, second]) {
    await expect(runs.row(id)).toHaveAttribute('data-status', 'finished');
    await expect(page.getByTestId(`run-steps-${id}`)).toHaveText('4 / 4');
  }

  // Both overlaid: each is drawn on the (otherwise empty) loss chart as a line in its colour.
  await page.getByTestId(`run-overlay-${first}`).check();
  await page.getByTestId(`run-overlay-${second}`).check();
  const lossChart = page.getByTestId('chart-loss');
  for (const id of [first, second]) {
    await expect(runs.row(id)).toHaveAttribute('data-overlaid', 'true');
    const color = await runs.row(id).getAttribute('data-overlay-color');
    expect(color).toMatch(/^#[0-9a-f]{6}$/);
    await expect(lossChart.locator(`path.chart-line[stroke="${color}"]`).first()).toBeVisible();
  }
  await expect(lossChart.locator('.legend-overlay')).toHaveCount(2);
  await runs.panel.screenshot({ path: testInfo.outputPath('runs-panel.png') });
  await lossChart.screenshot({ path: testInfo.outputPath('loss-chart-overlays.png') });

  await runs.rename(first, 'baseline, seed 7');
  await expect(page.getByTestId(`run-name-${first}`)).toHaveText('baseline, seed 7');
  await expect(lossChart.locator('.legend-overlay', { hasText: 'baseline, seed 7' })).toHaveCount(1);

  await runs.delete(second);
  await expect(runs.rows).toHaveCount(1);
  await expect(lossChart.locator('.legend-overlay')).toHaveCount(1);

  // What was changed is what is stored.
  await page.reload();
  await runs.waitLoaded();
  expect(await runs.ids()).toEqual([first]);
  await expect(page.getByTestId(`run-name-${first}`)).toHaveText('baseline, seed 7');

  const json = await runs.download(first, 'download');
  expect(json.name).toBe('baseline,-seed-7.run.json');
  const archive = JSON.parse(json.text) as {
    id: string;
    status: string;
    config: { training: { maxSteps: number } };
    info: { totalSteps: number } | null;
    points: Array<{ step: number; total: number }>;
  };
  expect(archive).toMatchObject({
    id: first,
    status: 'finished',
    config: { training: { maxSteps: 4 } },
    info: { totalSteps: 4 },
  });
  expect(archive.points.map((p) => p.step)).toEqual([1, 2, 3, 4]);
  expect(archive.points.every((p) => Number.isFinite(p.total) && p.total > 0)).toBe(true);

  const yaml = await runs.download(first, 'config');
  expect(yaml.name).toBe('baseline,-seed-7.yaml');
  expect(yaml.text).toMatch(/\n {2}maxSteps: 4\n/);
  expect(yaml.text).toMatch(/\n {2}batchSize: 2\n/);
  expect(consoleErrors).toEqual([]);
});
