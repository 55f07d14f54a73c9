import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import type { MetricPoint } from '../src/protocol/metric-point';
import { collectConsoleErrors } from './console-errors';
import { StudioPage } from './studio-page';
import { TrainingPage } from './training-page';

test('by keyboard alone: start, pause, one step, resume; a learning rate changed while paused applies from the next step, the LR chart marks it and the log records it', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const errors = collectConsoleErrors(page);
  const studio = new StudioPage(page);
  const training = new TrainingPage(page);
  await studio.open();
  await studio.proteinCountValue();
  await training.configure({ preset: 'tiny', batchSize: 2, maxResidues: 32, seed: 11, workers: 1 });
  // Keyboard shortcuts act outside text fields: leave the last edited field first.
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Space');
  await expect(training.state).toHaveText('running', { timeout: 120_000 });
  await expect.poll(() => training.stepValue(), { timeout: 240_000, intervals: [1000] }).toBeGreaterThanOrEqual(30);
  await page.keyboard.press('Space');
  await expect(training.state).toHaveText('paused', { timeout: 30_000 });
  const beforeStep = await training.steadyStep(2_000, 30_000);
  await page.keyboard.press('.');
  await expect.poll(() => training.stepValue(), { timeout: 30_000 }).toBe(beforeStep + 1);
  await expect(training.state).toHaveText('paused');
  const pausedAt = beforeStep + 1;

  // The AdamW learning rate (Muon is off, so AdamW's rate is training.learningRate): committed with Enter.
  const field = training.field('learningRate');
  await expect(field).toBeEnabled();
  await field.fill('0.02');
  await field.press('Enter');
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Space');
  await expect.poll(() => training.stepValue(), { timeout: 60_000 }).toBeGreaterThan(pausedAt + 3);

  // The change takes effect at the first step after the pause (the step in flight when pausing still finishes).
  await expect(training.log).toContainText(/From step \d+: training\.learningRate → 0\.02/);
  const changedAt = Number(
    /From step (\d+): training\.learningRate/.exec((await training.log.textContent()) ?? '')?.[1],
  );
  expect(changedAt).toBeGreaterThanOrEqual(pausedAt + 1);
  expect(changedAt).toBeLessThanOrEqual(pausedAt + 2);
  const lrChart = page.getByTestId('chart-lr');
  await expect(lrChart).toHaveAttribute('data-markers', '1');
  await lrChart.screenshot({ path: testInfo.outputPath('lr-chart-after-change.png') });

  // The metrics themselves: the AdamW rate jumps ×10 (up to the warm-up's own step-to-step growth) at that step.
  const download = page.waitForEvent('download');
  await page.getByTestId('charts-run-json').click();
  const points = JSON.parse(await readFile(await (await download).path(), 'utf8')) as
    MetricPoint[] | { points: MetricPoint[] };
  const list = Array.isArray(points) ? points : points.points;
  const lrAt = (step: number) => list.find((p) => p.step === step)?.learningRates['adamw'] ?? NaN;
  const before = lrAt(changedAt - 1) / lrAt(changedAt - 2);
  const at = lrAt(changedAt) / lrAt(changedAt - 1);
  const after = lrAt(changedAt + 1) / lrAt(changedAt);
  console.log(
    `AdamW LR ratios around the change at step ${changedAt}: ${before.toFixed(4)} before, ${at.toFixed(4)} at, ${after.toFixed(4)} after`,
  );
  expect(at / before).toBeGreaterThan(9);
  expect(at / before).toBeLessThan(11);
  expect(after).toBeLessThan(1.2);
  await page.keyboard.press('Escape');
  await expect(training.state).toHaveText('stopped', { timeout: 60_000 });
  expect(errors).toEqual([]);
});
