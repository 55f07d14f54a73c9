import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { decodeCheckpoint } from '../src/formats/checkpoint-codec';
import { worstDifference, worstRelativeNorm, type Weights } from '../src/train/parallel/weight-difference.node';
import { collectConsoleErrors } from './console-errors';
import { WITHOUT_WEBGPU } from './without-webgpu';
import { StudioPage } from './studio-page';
import { TrainingPage, type RunSettings } from './training-page';
import type {} from '../src/ui/test-api';

/** Trains `settings` for exactly 5 optimizer steps in real workers and returns the final checkpoint's weights. */
async function trainFiveSteps(
  page: Page,
  settings: RunSettings,
): Promise<{ weights: Weights; trainers: string | null; strategy: string | null }> {
  const studio = new StudioPage(page);
  const training = new TrainingPage(page);
  await studio.open();
  await studio.proteinCountValue();
  await training.configure({ preset: 'tiny', maxResidues: 32, seed: 3, maxSteps: 5, ...settings });
  await training.start();
  await expect(training.state).toHaveText(/finished|paused|failed|stopped/, { timeout: 240_000 });
  if ((await training.state.textContent()) !== 'finished')
    throw new Error(`the run did not finish: ${await training.log.textContent()}`);
  await expect(training.step).toHaveText('5');
  const trainers = page.getByTestId('run-trainers');
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByTestId('run-download-final').click();
  const path = await (await download).path();
  const bytes = await readFile(path);
  const contents = decodeCheckpoint(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) as {
    weights: Weights;
  };
  return {
    weights: contents.weights,
    trainers: await trainers.getAttribute('data-trainers'),
    strategy: await trainers.getAttribute('data-strategy'),
  };
}

// On the WebAssembly backend (WebGPU switched off): real workers, no shader compiles, so three runs fit in a minute.
test.use(WITHOUT_WEBGPU);

test('2 trainer workers × batch 2 (ddp and dp) end 5 steps with the weights of 1 trainer × batch 4', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const errors = collectConsoleErrors(page);
  const single = await trainFiveSteps(page, { workers: 1, batchSize: 4, strategy: 'ddp' });
  const ddp = await trainFiveSteps(page, { workers: 2, batchSize: 2, strategy: 'ddp' });
  const dp = await trainFiveSteps(page, { workers: 2, batchSize: 2, strategy: 'dp' });
  expect([single.trainers, ddp.trainers, dp.trainers]).toEqual(['1', '2', '2']);
  expect([ddp.strategy, dp.strategy]).toEqual(['ddp', 'dp']);
  const [ddpVsSingle, dpVsDdp] = [
    worstRelativeNorm(single.weights, ddp.weights),
    worstRelativeNorm(ddp.weights, dp.weights),
  ];
  const elementwise = worstDifference(single.weights, ddp.weights);
  console.log(
    `real workers on ${await page.getByTestId('run-backend').textContent()} after 5 steps, largest ‖Δw‖/‖w‖ of a parameter: ddp 2×2 vs 1×4 ${ddpVsSingle.relative.toExponential(2)} (at ${ddpVsSingle.at}), ` +
      `dp vs ddp ${dpVsDdp.relative.toExponential(2)}; largest single entry relative to its parameter's largest: ${elementwise.relative.toExponential(2)} (at ${elementwise.at})`,
  );
  expect(ddpVsSingle.relative).toBeLessThan(1e-5);
  expect(dpVsDdp.relative).toBeLessThan(1e-5);
  // Entry by entry the bound is looser: a zero-initialised bias whose gradient entry is ~0 moves by ±lr under Adam,
  // so float32 rounding in a different batch split can flip its sign.
  expect(elementwise.relative).toBeLessThan(1e-4);
  expect(errors).toEqual([]);
});
