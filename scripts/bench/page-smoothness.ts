/**
 * The page-level figure of `npm run bench`: how busy the studio page's main thread is while a run trains, over a
 * 5,000-step run. The first minute is real training (tiny preset on WebAssembly, default settings otherwise); the
 * run is then stopped and synthetic points continue it to 5,000 steps at four batches a second, as a trainer's
 * metrics arrive, then keep coming for a while at the full length. Throughout, the charts are on screen and a
 * settings field and the smoothing slider are used every few seconds (their echo is timed).
 */
import { chromium, type Page } from '@playwright/test';
import { serveApp } from '../train/serve-app';
import { interactUntil } from './input-echo';
import { installMainThreadProbe, pageNow, readMainThreadProbe } from './main-thread-probe';
import { describeSummary, summarizeWindow, type MainThreadSummary } from './main-thread-summary';

export interface PageSmoothnessOptions {
  /** Seconds of real training. */
  readonly realSeconds: number;
  /** Steps the synthetic points continue the run to. */
  readonly untilStep: number;
  /** Seconds the synthetic points take to reach `untilStep`. */
  readonly rampSeconds: number;
  /** Seconds of one point per batch after `untilStep`. */
  readonly holdSeconds: number;
  /** Between two metric batches, ms (the trainers' flush interval). */
  readonly flushMs: number;
}

export const DEFAULT_PAGE_SMOOTHNESS: PageSmoothnessOptions = {
  realSeconds: 60,
  untilStep: 5_000,
  rampSeconds: 90,
  holdSeconds: 30,
  flushMs: 250,
};

export interface PageSmoothnessResult {
  readonly options: PageSmoothnessOptions;
  /** Step reached by real training. */
  readonly realSteps: number;
  readonly lastStep: number;
  /** Every phase together, and from 10 s after the start of training on. */
  readonly whole: MainThreadSummary;
  readonly after10s: MainThreadSummary;
  readonly real: MainThreadSummary;
  readonly ramp: MainThreadSummary;
  readonly hold: MainThreadSummary;
}

const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

async function stepOf(page: Page): Promise<number> {
  return Number((await page.getByTestId('run-step').textContent()) ?? '0');
}

/** Uses the page as a person would (`interactUntil`) while `work` goes on; its result once both are over. */
async function untilDone<T>(page: Page, work: Promise<T>, everyMs: number): Promise<T> {
  let done = false;
  const result = work.finally(() => (done = true));
  await interactUntil(page, () => done, everyMs);
  return result;
}

/** Serves the studio, runs the three phases and returns their figures; `say` hears progress. */
export async function measurePageSmoothness(
  options: PageSmoothnessOptions,
  say: (line: string) => void,
): Promise<PageSmoothnessResult> {
  const app = await serveApp({ distDir: null, port: null, say });
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--headless=new',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on('pageerror', (error) => say(`page error: ${error.message}`));
    await installMainThreadProbe(page);
    await page.goto(app.url);
    await page.getByTestId('protein-count').filter({ hasText: /^\d+$/ }).waitFor({ timeout: 120_000 });
    await page.getByTestId('config-preset').selectOption('tiny');
    await page.getByTestId('config-backend').selectOption('wasm');
    await page.getByTestId('run-start').click();
    await page
      .getByTestId('run-state')
      .filter({ hasText: /^running$/ })
      .waitFor({ timeout: 120_000 });
    await page.getByTestId('chart-loss').scrollIntoViewIfNeeded();
    const start = await pageNow(page);
    say(`page: training for real for ${options.realSeconds} s`);
    await untilDone(page, page.waitForTimeout(options.realSeconds * 1000), 5_000);
    const realEnd = await pageNow(page);
    await page.getByTestId('run-stop').click();
    await page
      .getByTestId('run-state')
      .filter({ hasText: /^stopped$/ })
      .waitFor({ timeout: 60_000 });
    const realSteps = await stepOf(page);
    const rampStart = await pageNow(page);
    const batches = (options.rampSeconds * 1000) / options.flushMs;
    const perBatch = Math.max(1, Math.ceil((options.untilStep - realSteps) / batches));
    say(
      `page: ${realSteps} real steps; synthetic points to step ${options.untilStep}, ${perBatch} every ${options.flushMs} ms`,
    );
    const feed = (until: number, count: number) =>
      page.evaluate(
        ([u, c, ms]) => window.studioTest?.feedSyntheticMetrics(u, c, ms) ?? Promise.reject(new Error('no test API')),
        [until, count, options.flushMs] as const,
      );
    await untilDone(page, feed(options.untilStep, perBatch), 5_000);
    const holdStart = await pageNow(page);
    say(`page: one point every ${options.flushMs} ms at the full length for ${options.holdSeconds} s`);
    const lastStep = await untilDone(
      page,
      feed(options.untilStep + (options.holdSeconds * 1000) / options.flushMs, 1),
      5_000,
    );
    const record = await readMainThreadProbe(page);
    const result: PageSmoothnessResult = {
      options,
      realSteps,
      lastStep,
      whole: summarizeWindow(record, start),
      after10s: summarizeWindow(record, start + 10_000),
      real: summarizeWindow(record, start, realEnd),
      ramp: summarizeWindow(record, rampStart, holdStart),
      hold: summarizeWindow(record, holdStart),
    };
    for (const phase of ['real', 'ramp', 'hold', 'after10s'] as const)
      say(`page ${phase}: ${describeSummary(result[phase])}`);
    return result;
  } finally {
    await browser.close();
    app.close();
  }
}
