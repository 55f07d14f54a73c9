/** The model benchmark (forward, forward + backward per preset and backend) on the open benchmark page. */
import type { Page } from '@playwright/test';
import type { ModelTiming } from '../../src/protocol/model-bench-messages';

/** Clicks "run", waits for `expected` timings (or the page's error) and returns them in the page's order. */
export async function modelTimingsOnPage(
  page: Page,
  expected: number,
  say: (line: string) => void,
): Promise<ModelTiming[]> {
  await page.getByTestId('run-benchmark').click();
  const rows = page.locator('[data-timing]');
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('[data-timing]').length >= n || document.querySelector('[data-testid=bench-error]'),
    expected,
    { timeout: 1_800_000, polling: 500 },
  );
  const error = await page
    .getByTestId('bench-error')
    .textContent({ timeout: 500 })
    .catch(() => null);
  const timings = (await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-timing') ?? '{}'))).map(
    (text) => JSON.parse(text) as ModelTiming,
  );
  if (error && timings.length < expected) throw new Error(`benchmark page: ${error}`);
  for (const t of timings)
    say(
      `model ${t.preset} on ${t.backend}: forward ${t.forwardMs.toFixed(0)} ms, forward+backward ${t.forwardBackwardMs.toFixed(0)} ms`,
    );
  return timings;
}
