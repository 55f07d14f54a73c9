import { expect, test, type Locator, type Page } from '@playwright/test';
import { StudioPage } from './studio-page';
import { TrainingPage } from './training-page';
import { collectConsoleErrors } from './console-errors';

/** Page object for the teaching section: β preview and overlay, code usage, token strip, schedule comparison. */
class TeachingPage {
  readonly panel: Locator;
  readonly preview: Locator;
  readonly overlay: Locator;
  readonly codeUsage: Locator;
  readonly strip: Locator;
  readonly stripProtein: Locator;
  readonly comparison: Locator;
  readonly compareButton: Locator;
  readonly betaCurves: Locator;
  readonly perplexityCurves: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('teaching-panel');
    this.preview = page.getByTestId('teaching-beta-preview');
    this.overlay = page.getByTestId('teaching-beta-overlay');
    this.codeUsage = page.getByTestId('teaching-code-usage');
    this.strip = page.getByTestId('teaching-token-strip');
    this.stripProtein = page.getByTestId('teaching-strip-protein');
    this.comparison = page.getByTestId('teaching-comparison');
    this.compareButton = page.getByTestId('teaching-compare-start');
    this.betaCurves = page.getByTestId('teaching-beta-curves');
    this.perplexityCurves = page.getByTestId('teaching-perplexity-curves');
  }

  /** The SVG path of the preview's β line: what the user sees of the curve. */
  previewPath(): Promise<string | null> {
    return this.preview.locator('path.recharts-line-curve').getAttribute('d');
  }

  async number(locator: Locator, attribute: string): Promise<number> {
    return Number((await locator.getAttribute(attribute)) ?? 'NaN');
  }
}

test('teaching mode: β preview, schedule comparison, token strip and code usage', async ({ page }, testInfo) => {
  // Three 6-step runs of the tiny model one after the other (each compiles its shaders), then a short main run.
  test.setTimeout(480_000);
  const consoleErrors = collectConsoleErrors(page);

  const studio = new StudioPage(page);
  const training = new TrainingPage(page);
  const teaching = new TeachingPage(page);
  await studio.open();
  await studio.proteinCountValue();

  // β preview: a constant line until scheduling is switched on in the settings, then it follows the shape select.
  await expect(teaching.preview).toHaveAttribute('data-schedule', 'constant');
  expect(await teaching.number(teaching.preview, 'data-points')).toBeGreaterThan(1);
  await training.field('useCommitmentScheduling').check();
  await training.field('commitmentWarmupSteps').fill('40');
  await training.field('commitmentWarmupSteps').press('Enter');
  await training.field('commitmentSchedule').selectOption('cosine');
  await expect(teaching.preview).toHaveAttribute('data-schedule', 'cosine');
  await expect(page.getByTestId('teaching-beta-summary')).toContainText('over the first 40 steps');
  const cosinePath = await teaching.previewPath();
  expect(cosinePath).toBeTruthy();
  await training.field('commitmentSchedule').selectOption('linear');
  await expect(teaching.preview).toHaveAttribute('data-schedule', 'linear');
  await expect.poll(() => teaching.previewPath()).not.toBe(cosinePath);
  const linearPath = await teaching.previewPath();
  // The section's own select edits the same setting.
  await page.getByTestId('teaching-schedule').selectOption('cosine_with_restart');
  await expect(training.field('commitmentSchedule')).toHaveValue('cosine_with_restart');
  await expect.poll(() => teaching.previewPath()).not.toBe(linearPath);
  // Zoomed to the warm-up: steps 1 … ⌈41 × 1.25⌉ = 52, every one drawn.
  await page.getByTestId('teaching-preview-zoom').click();
  await expect(teaching.preview).toHaveAttribute('data-points', '52');

  // One click: three runs from the same seed, constant β / cosine warm-up / cosine with restarts.
  await training.field('seed').fill('7');
  await page.getByTestId('teaching-compare-steps').fill('6');
  await expect(teaching.compareButton).toBeEnabled();
  await teaching.compareButton.click();
  await expect(teaching.comparison).toHaveAttribute('data-status', 'running');
  await expect(teaching.comparison).toHaveAttribute('data-status', 'done', { timeout: 400_000 });
  await expect(page.getByTestId('teaching-compare-status').locator('li[data-status="finished"]')).toHaveCount(3);
  for (const chart of [teaching.betaCurves, teaching.perplexityCurves]) {
    await expect(chart).toHaveAttribute('data-series', '3');
    await expect(chart.locator('li[data-points="6"]')).toHaveCount(3);
    await expect(chart.locator('path.recharts-line-curve')).toHaveCount(3);
  }
  // The three schedules give three different β lines.
  const betaPaths = await teaching.betaCurves.locator('path.recharts-line-curve').evaluateAll((paths) => paths.map((p) => p.getAttribute('d')));
  expect(new Set(betaPaths).size).toBe(3);
  await teaching.comparison.screenshot({ path: testInfo.outputPath('teaching-comparison.png') });

  // A main run: the strip shows one cell per residue of the first protein, the histogram a bar per code.
  const firstOption = (await teaching.stripProtein.locator('option').first().textContent()) ?? '';
  const residues = Number(/(\d+) residues/.exec(firstOption)?.[1] ?? NaN);
  expect(residues).toBeGreaterThan(0);
  await training.configure({ preset: 'tiny', batchSize: 2, maxResidues: 32, seed: 7 });
  await training.start();
  await expect(training.state).toHaveText('running', { timeout: 120_000 });
  await expect.poll(() => training.stepValue(), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
  await expect(teaching.strip).toHaveAttribute('data-residues', String(residues), { timeout: 60_000 });
  await expect(teaching.strip.locator('.token-cell')).toHaveCount(residues);
  // The histogram follows the throttled chart feed, which may draw a moment after the strip answers.
  await expect.poll(() => teaching.number(teaching.codeUsage, 'data-bars'), { timeout: 30_000 }).toBeGreaterThan(0);
  const bars = await teaching.number(teaching.codeUsage, 'data-bars');
  await expect(teaching.codeUsage.locator('.code-bar')).toHaveCount(bars);
  expect(await teaching.number(teaching.codeUsage, 'data-used')).toBeGreaterThan(0);
  await expect.poll(() => teaching.number(teaching.overlay, 'data-points'), { timeout: 30_000 }).toBeGreaterThan(0);
  // On demand: Refresh asks again, and the strip answers from a step at least as late.
  const before = await teaching.number(teaching.strip, 'data-step');
  await page.getByTestId('teaching-strip-refresh').click();
  await expect.poll(() => teaching.number(teaching.strip, 'data-step'), { timeout: 60_000 }).toBeGreaterThan(before);
  await teaching.panel.screenshot({ path: testInfo.outputPath('teaching-panel.png') });

  await training.stopButton.click();
  await expect(training.state).toHaveText('stopped', { timeout: 60_000 });
  expect(consoleErrors).toEqual([]);
});
