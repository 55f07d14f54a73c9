/**
 * `npm run bench:token-view`: does the 3D token view's automatic refresh slow training? The built studio in headless
 * Chromium trains the same run (teaching preset, WebAssembly trainers, the bundled sample) with the refresh off and
 * every 10 steps, alternating A B A B, and prints steps/s over the same step window of each run as JSON.
 */
import { chromium, type Page } from '@playwright/test';
import { serveApp } from '../train/serve-app';
import { chromiumArgs } from '../train/studio-browser';

const FIRST = Number(process.env['BENCH_FROM'] ?? 5);
const LAST = Number(process.env['BENCH_TO'] ?? 45);
const REPEATS = Number(process.env['BENCH_REPEATS'] ?? 2);
const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

async function step(page: Page): Promise<number> {
  return Number(await page.getByTestId('run-step').textContent());
}

async function waitForStep(page: Page, atLeast: number): Promise<number> {
  for (;;) {
    const now = await step(page);
    if (now >= atLeast) return performance.now();
    await page.waitForTimeout(25);
  }
}

/** One run with the automatic refresh every `every` steps (0: off); steps/s from step FIRST to LAST. */
async function measure(page: Page, every: number): Promise<number> {
  await page.getByTestId('teaching-structure-every').fill(String(every));
  await page.getByTestId('run-start').click();
  const start = await waitForStep(page, FIRST);
  const end = await waitForStep(page, LAST);
  await page.getByTestId('run-stop').click();
  await page.getByTestId('run-state').filter({ hasText: 'stopped' }).waitFor({ timeout: 60_000 });
  return (LAST - FIRST) / ((end - start) / 1000);
}

async function main(): Promise<void> {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const app = await serveApp({ distDir: null, port: null, say });
  const browser = await chromium.launch({ executablePath, args: chromiumArgs('wasm', 'swiftshader', []) });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(app.url);
    await page.getByTestId('protein-count').filter({ hasText: /^\d+$/ }).waitFor({ timeout: 120_000 });
    await page.getByTestId('config-preset').selectOption('teaching');
    await page.getByTestId('config-backend').selectOption('wasm');
    await page.getByTestId('config-batchSize').fill('2');
    await page.getByTestId('config-maxResidues').fill('64');
    await page.getByTestId('config-seed').fill('7');
    await page.getByTestId('teaching-structure').scrollIntoViewIfNeeded();
    const results: { every: number; stepsPerSecond: number }[] = [];
    for (let k = 0; k < REPEATS; k++) {
      for (const every of [0, 10]) {
        const stepsPerSecond = await measure(page, every);
        say(`refresh every ${every || 'never'}: ${stepsPerSecond.toFixed(2)} steps/s`);
        results.push({ every, stepsPerSecond });
      }
    }
    const mean = (every: number) => {
      const runs = results.filter((r) => r.every === every);
      return runs.reduce((sum, r) => sum + r.stepsPerSecond, 0) / runs.length;
    };
    console.log(
      JSON.stringify(
        { window: [FIRST, LAST], results, off: mean(0), every10: mean(10), ratio: mean(10) / mean(0) },
        null,
        2,
      ),
    );
  } finally {
    await browser.close();
    app.close();
  }
}

await main();
