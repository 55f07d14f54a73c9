import { expect, test } from '@playwright/test';
import { StudioPage } from './studio-page';

// The same Chromium with WebGPU switched off, as on a browser without it.
test.use({
  launchOptions: {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--disable-features=WebGPU',
      '--no-sandbox',
      '--headless=new',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
});

test('without WebGPU the page says so plainly and the dataset still loads', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open();
  await expect(page.getByTestId('gpu-unavailable')).toContainText(/no WebGPU|no adapter/);
  expect(await studio.proteinCountValue()).toBeGreaterThan(0);
});
