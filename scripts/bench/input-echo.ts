/**
 * What a person does while a run trains, done the same way by the long-run journey and by `npm run bench`: type a
 * digit into a settings field and take it back, nudge the chart smoothing slider there and back. Fields are focused
 * without scrolling, so the charts on screen stay on screen. The main-thread probe times each key's echo.
 */
import type { Page } from '@playwright/test';

/** Focuses the element with `testId` without scrolling the page. */
async function focusInPlace(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).evaluate((element) => (element as HTMLElement).focus({ preventScroll: true }));
}

/**
 * Types `5` at the end of the settings field `config-<key>` and deletes it again (a live field sends nothing: the
 * text ends as it began), then leaves the field. Two echo samples.
 */
export async function typeIntoField(page: Page, key: string, pauseMs = 120): Promise<void> {
  await focusInPlace(page, `config-${key}`);
  await page.keyboard.press('End');
  await page.keyboard.press('5');
  await page.waitForTimeout(pauseMs);
  await page.keyboard.press('Backspace');
  await page.waitForTimeout(pauseMs);
  await page.getByTestId(`config-${key}`).evaluate((element) => (element as HTMLElement).blur());
}

/** One step right and back on the chart smoothing slider (every chart on screen redraws twice). Two echo samples. */
export async function nudgeSmoothing(page: Page, pauseMs = 120): Promise<void> {
  await focusInPlace(page, 'chart-smoothing');
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(pauseMs);
  await page.keyboard.press('ArrowLeft');
  await page.waitForTimeout(pauseMs);
  await page.getByTestId('chart-smoothing').evaluate((element) => (element as HTMLElement).blur());
}

/**
 * Both of the above every `everyMs` (four echo samples each time) until `done()` says so; `done` is checked every
 * 250 ms, so the caller's phase ends on time.
 */
export async function interactUntil(page: Page, done: () => boolean, everyMs: number): Promise<void> {
  while (!done()) {
    const started = Date.now();
    await typeIntoField(page, 'learningRate');
    await nudgeSmoothing(page);
    while (!done() && Date.now() - started < everyMs) await page.waitForTimeout(250);
  }
}
