import { expect, test } from '@playwright/test';
import { fixturePath } from './fixture-files';
import { StudioPage } from './studio-page';
import { TrainingPage } from './training-page';
import { collectConsoleErrors } from './console-errors';

test('trains the bundled sample in the trainer worker with a live loss chart, and pauses, resumes and stops', async ({
  page,
}, testInfo) => {
  // SwiftShader WebGPU is slow: the tiny model on 2 × 32-residue crops, and time for the first shader compiles.
  test.setTimeout(180_000);
  const consoleErrors = collectConsoleErrors(page);

  const studio = new StudioPage(page);
  const training = new TrainingPage(page);
  await studio.open();
  await studio.proteinCountValue();
  await expect(training.state).toHaveText('not started');
  // WebGPU named explicitly: on a machine whose only adapter is SwiftShader, auto would train on WebAssembly.
  await training.configure({ preset: 'tiny', batchSize: 2, maxResidues: 32, seed: 7, backend: 'webgpu' });

  await training.start();
  await expect(training.state).toHaveText(/starting|running/);
  await expect(training.precision).toContainText('f32', { timeout: 90_000 });
  await expect(training.state).toHaveText('running', { timeout: 90_000 });
  await training.waitForLossPoints(20, 120_000);
  expect(await training.stepValue()).toBeGreaterThanOrEqual(20);
  // Every step so far applied its update: WebGPU gave finite gradients (no "skipped steps" warning).
  await expect(page.getByTestId('run-skipped-steps')).toHaveCount(0);
  await training.panel.screenshot({ path: testInfo.outputPath('training-panel-running.png') });

  await training.pauseButton.click();
  await expect(training.state).toHaveText('paused', { timeout: 30_000 });
  // Paused: at most the step that was running still lands, then the count stays put for 2 s.
  const pausedAt = await training.steadyStep(2_000, 30_000);
  await expect(training.state).toHaveText('paused');

  const download = page.waitForEvent('download', { timeout: 60_000 });
  await training.checkpointButton.click();
  const checkpoint = await download;
  expect(checkpoint.suggestedFilename()).toMatch(new RegExp(`-step${pausedAt}\\.ftsckpt$`));
  const checkpointPath = testInfo.outputPath(checkpoint.suggestedFilename());
  await checkpoint.saveAs(checkpointPath);

  await training.resumeButton.click();
  await expect(training.state).toHaveText('running', { timeout: 30_000 });
  await expect.poll(() => training.stepValue(), { timeout: 30_000 }).toBeGreaterThan(pausedAt);

  await training.stopButton.click();
  await expect(training.state).toHaveText('stopped', { timeout: 30_000 });
  await page.waitForTimeout(1_000); // whatever the trainer says after stopping must not undo it
  await expect(training.state).toHaveText('stopped');
  await expect(training.error).toHaveCount(0);
  await expect(training.startButton).toBeEnabled();

  // The saved checkpoint continues the run where it was saved: the first new step is the one after it.
  await page.getByTestId('run-resume-file').setInputFiles(checkpointPath);
  await expect(training.state).toHaveText('running', { timeout: 90_000 });
  await expect.poll(() => training.stepValue(), { timeout: 60_000 }).toBeGreaterThan(pausedAt);
  await training.stopButton.click();
  await expect(training.state).toHaveText('stopped', { timeout: 30_000 });
  expect(consoleErrors).toEqual([]);
});

test('config import shows warnings, refuses invalid files whole, and export downloads the edited config', async ({
  page,
}) => {
  const training = new TrainingPage(page);
  await new StudioPage(page).open();
  await training.importConfig('ft2.yaml', 'batch_size: 6\nuse_muon: true\nmuon_lr: 0.01\nbatch_sise: 3\n');
  await expect(training.field('batchSize')).toHaveValue('6');
  await expect(training.field('muonLr')).toHaveValue('0.01');
  await expect(training.configNotes).toContainText('Unknown key "batch_sise"');

  await training.importConfig('bad.yaml', 'batch_size: 0\nepochs: -3\n');
  await expect(training.configError).toContainText('bad.yaml: 2 invalid values');
  await expect(training.field('batchSize')).toHaveValue('6');

  await training.field('batchSize').fill('0');
  await expect(training.field('batchSize')).toHaveAttribute('aria-invalid', 'true');
  await expect(training.panel).toContainText('expected an integer in [1, 4096]');
  await training.field('batchSize').fill('5');
  await expect(training.field('batchSize')).not.toHaveAttribute('aria-invalid', 'true');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export YAML' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('foldtree-studio-config.yaml');
  const text = await (await file.createReadStream()).toArray();
  expect(Buffer.concat(text).toString('utf8')).toMatch(/batchSize: 5\n/);
});

test('trains on an .h5 file picked through the file input, which the trainer mounts itself', async ({ page }) => {
  test.setTimeout(180_000);
  const studio = new StudioPage(page);
  const training = new TrainingPage(page);
  await studio.open();
  await studio.proteinCountValue();
  await studio.pick([fixturePath('tiny-structs.h5')]);
  await expect(studio.datasetName).toHaveText('tiny-structs.h5');
  await training.configure({ preset: 'tiny', batchSize: 1, maxResidues: 24, seed: 3 });
  await training.start();
  await expect(training.state).toHaveText('running', { timeout: 90_000 });
  await expect(page.getByTestId('run-source')).toContainText('tiny-structs.h5');
  await expect(training.log).toContainText('on tiny-structs.h5');
  await expect.poll(() => training.stepValue(), { timeout: 90_000 }).toBeGreaterThanOrEqual(2);
  await training.stopButton.click();
  await expect(training.state).toHaveText('stopped', { timeout: 30_000 });
});
