import { expect, test } from '@playwright/test';

test('the tiny preset gives the same losses and gradients on WebGPU (SwiftShader) as on the CPU backend', async ({ page }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto('/bench.html');
  await page.getByTestId('run-comparison').click();
  const comparison = page.getByTestId('comparison');
  await expect(comparison).toBeVisible({ timeout: 200_000 });
  const loss = Number(await comparison.getAttribute('data-loss-relative'));
  const gradient = Number(await comparison.getAttribute('data-gradient-relative'));
  console.log(`WebGPU vs CPU, tiny preset: losses ${loss.toExponential(2)}, gradients ${gradient.toExponential(2)} (relative)`);
  expect(loss).toBeLessThanOrEqual(1e-3);
  expect(gradient).toBeLessThanOrEqual(1e-3);
  expect(errors).toEqual([]);
});
