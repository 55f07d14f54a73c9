import { expect, test } from '@playwright/test';

test('the tiny preset gives the same losses and gradients on WebGPU (SwiftShader) as on the CPU backend', async ({
  page,
}) => {
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
  console.log(
    `WebGPU vs CPU, tiny preset: losses ${loss.toExponential(2)}, gradients ${gradient.toExponential(2)} (relative)`,
  );
  expect(loss).toBeLessThanOrEqual(1e-3);
  expect(gradient).toBeLessThanOrEqual(1e-3);
  expect(errors).toEqual([]);
});

test('the f16 matMul kernel rounds operands to half, accumulates in f32, and trains the model close to float32', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto('/bench.html');
  await page.getByTestId('run-f16-check').click();
  const check = page.getByTestId('f16-check');
  await expect(check).toBeVisible({ timeout: 200_000 });
  const read = async (name: string) => Number(await check.getAttribute(`data-${name}`));
  const variant = await check.getAttribute('data-variant');
  const [vsHalf, minVsF32, modelLoss, modelGradientNorm, modelGradient] = [
    await read('vs-half'),
    await read('min-vs-f32'),
    await read('model-loss'),
    await read('model-gradient-norm'),
    await read('model-gradient'),
  ];
  console.log(
    `f16 matMul (${variant}): vs half reference ${vsHalf.toExponential(2)}, smallest vs float32 ${minVsF32.toExponential(2)}; ` +
      `model vs CPU: losses ${modelLoss.toExponential(2)}, all gradients ${modelGradientNorm.toExponential(2)}, worst parameter ${modelGradient.toExponential(2)}`,
  );
  // Only f32 accumulation order separates the kernel from the half-rounded float64 reference (K ≤ 64 terms).
  expect(vsHalf).toBeLessThan(1e-5);
  // …while every case really differs from a float32 product by the operands' rounding.
  expect(minVsF32).toBeGreaterThan(1e-5);
  expect(await check.getAttribute('data-overflow-infinity')).toBe('true');
  // Half operands perturb the whole model by about half's precision (2⁻¹¹ ≈ 4.9e-4), not more.
  expect(modelLoss).toBeLessThan(1e-2);
  expect(modelGradientNorm).toBeLessThan(1e-2);
  expect(errors).toEqual([]);
});
