import { expect, test } from '@playwright/test';
import { StudioPage } from './studio-page';

test('the WebGPU probe reports an adapter from inside a dedicated worker', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open();
  await expect(studio.gpuAdapter).toContainText(/swiftshader|google/i);
  // SwiftShader has no shader-f16: the page must say training falls back to float32.
  await expect(studio.gpuF16).toContainText('no shader-f16');
  // The probe ran in a worker: the page itself never touched navigator.gpu.
  const workerNames = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((n) => n.includes('gpu-probe')),
  );
  expect(workerNames.length).toBeGreaterThan(0);
});
