import { expect, test } from '@playwright/test';
import { collectConsoleErrors } from './console-errors';
import { StudioPage } from './studio-page';
import { TrainingPage } from './training-page';
import type {} from '../src/ui/test-api';

test('a killed trainer and a lost GPU device pause the run naming the rank; the run continues with the trainer left', async ({
  page,
}, testInfo) => {
  test.setTimeout(600_000);
  const errors = collectConsoleErrors(page);
  const studio = new StudioPage(page);
  const training = new TrainingPage(page);
  const fault = page.getByTestId('run-fault');
  await studio.open();
  await studio.proteinCountValue();
  // WebGPU named explicitly: auto would take WebAssembly over SwiftShader, and a lost GPU device needs a GPU backend.
  await training.configure({
    preset: 'tiny',
    maxResidues: 32,
    batchSize: 2,
    seed: 5,
    workers: 2,
    strategy: 'ddp',
    backend: 'webgpu',
  });

  for (const kind of ['kill', 'device-lost'] as const) {
    await training.start();
    await expect(page.getByTestId('run-trainers')).toHaveAttribute('data-trainers', '2', { timeout: 120_000 });
    await expect.poll(() => training.stepValue(), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
    if (kind === 'kill') {
      // Two trainers: the per-trainer charts draw a line per rank (step time, all-reduce time, residues/s).
      await expect(page.getByTestId('chart-trainer-throughput').locator('.legend-item')).toHaveText([
        'rank 0',
        'rank 1',
      ]);
      await expect(page.getByTestId('chart-trainer-time').locator('.legend-item')).toHaveText([
        'rank 0 step',
        'rank 1 step',
        'rank 0 all-reduce',
        'rank 1 all-reduce',
      ]);
      expect(Number(await page.getByTestId('chart-trainer-time').getAttribute('data-points'))).toBeGreaterThanOrEqual(
        1,
      );
    }
    const before = await training.stepValue();
    await page.evaluate(([k, at]) => window.studioTest?.injectTrainerFault(1, k, at), [kind, before + 1] as const);
    await expect(fault).toBeVisible({ timeout: 120_000 });
    await expect(fault).toHaveAttribute('data-rank', '1');
    await expect(fault).toHaveAttribute('data-kind', kind === 'kill' ? 'terminated' : 'device-lost');
    await expect(fault).toContainText(
      kind === 'kill' ? 'Trainer rank 1 stopped' : 'Trainer rank 1 lost its GPU device',
    );
    await expect(training.state).toHaveText('paused');
    const pausedAt = await training.steadyStep(2_000, 30_000);
    expect(pausedAt).toBeGreaterThanOrEqual(before);
    await training.panel.screenshot({ path: testInfo.outputPath(`fault-${kind}.png`) });

    await expect(training.resumeButton).toHaveText('Continue with 1 trainer');
    await training.resumeButton.click();
    await expect(page.getByTestId('run-trainers')).toHaveAttribute('data-trainers', '1', { timeout: 120_000 });
    await expect(training.state).toHaveText('running');
    await expect(fault).toHaveCount(0);
    // Trained steps are kept: the count goes on from where the fault left it.
    await expect.poll(() => training.stepValue(), { timeout: 120_000 }).toBeGreaterThan(pausedAt);
    await training.stopButton.click();
    await expect(training.state).toHaveText('stopped', { timeout: 60_000 });
  }
  expect(errors).toEqual([]);
});
