import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { StudioPage } from './studio-page';
import { TrainingPage } from './training-page';
import { collectConsoleErrors } from './console-errors';

/** Every chart of the training panel, by `chart-<kind>` test id. */
const CHART_KINDS = [
  'loss',
  'loss-raw',
  'loss-weights',
  'lr',
  'grad',
  'commitment',
  'loss-scale',
  'codebook',
  'code-usage',
  'throughput',
] as const;

/** Drawn only when a run has two or more trainers. */
const TRAINER_CHART_KINDS = ['trainer-time', 'trainer-throughput'] as const;

interface StoredPoint {
  readonly step: number;
  readonly elapsedMs: number;
  readonly total: number | null;
  readonly weightedLosses: Record<string, number | null>;
}

const chart = (page: Page, kind: string): Locator => page.getByTestId(`chart-${kind}`);

async function pointsOf(locator: Locator): Promise<number> {
  return Number((await locator.getAttribute('data-points')) ?? '0');
}

/** Clicks a download button and returns the file's name and text. */
async function download(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const started = page.waitForEvent('download', { timeout: 30_000 });
  await page.getByTestId(testId).click();
  const file = await started;
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

test('every chart draws the run; smoothing, log y, x axis and outlier options redraw cleanly; CSV equals the stored points', async ({
  page,
}, testInfo) => {
  // The first steps compile shaders on SwiftShader.
  test.setTimeout(150_000);
  const consoleErrors = collectConsoleErrors(page);

  const studio = new StudioPage(page);
  const training = new TrainingPage(page);
  await studio.open();
  await studio.proteinCountValue();
  await training.configure({ preset: 'tiny', batchSize: 2, maxResidues: 32, seed: 7, workers: 1 });
  await training.start();
  await expect
    .poll(() => pointsOf(chart(page, 'loss')), { timeout: 120_000, intervals: [500, 1000] })
    .toBeGreaterThanOrEqual(8);

  for (const kind of CHART_KINDS) {
    expect(await pointsOf(chart(page, kind)), `chart-${kind} draws points`).toBeGreaterThan(0);
  }
  for (const kind of TRAINER_CHART_KINDS) {
    await expect(chart(page, kind)).toHaveAttribute('data-points', '0');
    await expect(chart(page, kind)).toContainText('two or more trainers');
  }
  // No run events yet (no change, pause or fault): no markers.
  await expect(chart(page, 'loss')).toHaveAttribute('data-markers', '0');
  await training.panel.screenshot({ path: testInfo.outputPath('charts-running.png') });

  // Smoothing (default 0.6): each series drawn raw (faint) and smoothed; at 0 only raw.
  const loss = chart(page, 'loss');
  const series = await loss.locator('.legend-item').count();
  expect(series).toBeGreaterThanOrEqual(2);
  await expect(loss.locator('path.chart-line')).toHaveCount(2 * series);
  const slider = page.getByTestId('chart-smoothing');
  await slider.focus();
  await slider.press('Home');
  await expect(slider).toHaveValue('0');
  await expect(loss.locator('path.chart-line')).toHaveCount(series);
  await slider.press('End');
  await expect(slider).toHaveValue('0.99');
  await expect(loss.locator('path.chart-line')).toHaveCount(2 * series);

  // Log y on the loss chart only.
  await page.getByTestId('chart-loss-log').click();
  await expect(page.getByTestId('chart-loss-log')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('chart-loss-raw-log')).toHaveAttribute('aria-pressed', 'false');

  // Relative time on x: ticks read as durations.
  await page.getByTestId('chart-x-axis').selectOption('time');
  await expect(loss.locator('.chart-tick-x', { hasText: /^(\d+s|\d+:\d\d)$/ }).first()).toBeVisible();

  await page.getByTestId('chart-ignore-outliers').check();
  await expect(loss.locator('path.chart-line')).toHaveCount(2 * series);
  for (const kind of CHART_KINDS) expect(await pointsOf(chart(page, kind))).toBeGreaterThan(0);
  await training.panel.screenshot({ path: testInfo.outputPath('charts-options.png') });

  // The settings are kept for the next visit.
  const stored = await page.evaluate(() => localStorage.getItem('foldtree-studio/chart-options/v1'));
  expect(JSON.parse(stored ?? 'null')).toMatchObject({
    state: { smoothing: 0.99, xAxis: 'time', ignoreOutliers: true, logY: { loss: true } },
  });

  await training.stopButton.click();
  await expect(training.state).toHaveText('stopped', { timeout: 30_000 });

  // The loss chart's CSV holds exactly the numbers of the stored points (the run's JSON download).
  const csv = await download(page, 'chart-loss-csv');
  const json = await download(page, 'charts-run-json');
  expect(csv.name).toMatch(/-loss\.csv$/);
  expect(json.name).toMatch(/-points\.json$/);
  const points = (JSON.parse(json.text) as { points: StoredPoint[] }).points;
  const byStep = new Map(points.map((p) => [p.step, p]));
  const [header = '', ...rows] = csv.text.trimEnd().split('\n');
  const columns = header.split(',');
  expect(columns.slice(0, 3)).toEqual(['step', 'elapsedMs', 'total']);
  expect(columns.length).toBeGreaterThan(3);
  expect(rows.length).toBe(points.filter((p) => p.total !== null).length);
  expect(rows.length).toBeGreaterThanOrEqual(8);
  for (const row of rows) {
    const fields = row.split(',');
    const point = byStep.get(Number(fields[0]));
    expect(point, `step ${fields[0]} is a stored point`).toBeDefined();
    expect(Number(fields[1])).toBe(point?.elapsedMs);
    expect(Number(fields[2])).toBe(point?.total);
    columns.slice(3).forEach((column, k) => {
      const term = column.slice('weighted.'.length);
      expect(Number(fields[k + 3]), `${column} at step ${fields[0]}`).toBe(point?.weightedLosses[term]);
    });
  }
  // The chart's JSON download is the same series.
  const chartJson = JSON.parse((await download(page, 'chart-loss-json')).text) as {
    series: Record<string, Array<{ step: number; value: number }>>;
  };
  expect(chartJson.series['total']?.map((p) => p.value)).toEqual(rows.map((row) => Number(row.split(',')[2])));

  expect(consoleErrors).toEqual([]);
});
