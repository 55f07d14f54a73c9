import { expect, test, type Download, type Page } from '@playwright/test';
import { leafOf, SCHEMA_ROWS } from '../src/config/run-config-values';
import { StudioPage } from './studio-page';
import { TrainingPage } from './training-page';

const GROUPS = [
  'model',
  'data',
  'training',
  'parallelism',
  'optimizer',
  'schedule',
  'quantizer',
  'losses',
  'masking',
  'precision',
  'logging',
];

/** A learn_lightning config as FoldTree2 users write them: comments, quoted strings, `key : value`, old weight names. */
const FOLDTREE2_YAML = `# Muon run with a scheduled commitment cost
dataset: "structs_train_final.h5"
run_name: "muon_linear_commitment"
batch_size: 6
hidden_size : 100
use_muon: true
muon_lr: 0.015
adamw_lr: 0.0002
edgeweight: 0.4     # legacy spelling of edge_weight
logitweight: 0.3
use_commitment_scheduling: true
commitment_schedule: "linear"
commitment_start: 0.2
commitment_warmup_steps: 800
`;

function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function downloadedText(download: Promise<Download>): Promise<string> {
  const chunks = await (await (await download).createReadStream()).toArray();
  return Buffer.concat(chunks).toString('utf8');
}

test('the settings panel shows every config key in its group, with presets, validation and FoldTree2 import/export', async ({
  page,
}, testInfo) => {
  const consoleErrors = collectConsoleErrors(page);
  const studio = new StudioPage(page);
  const training = new TrainingPage(page);
  await studio.open();
  await studio.proteinCountValue();

  // Every group, and every schema key once opened, each with its documentation as the tooltip.
  for (const group of GROUPS) await expect(page.getByTestId(`config-group-${group}`)).toBeVisible();
  await expect(training.field('batchSize')).toBeVisible();
  await expect(training.field('betas')).toBeHidden();
  await page.getByTestId('config-expand-all').click();
  for (const spec of SCHEMA_ROWS) {
    const field = training.field(leafOf(spec.path));
    await expect(field, spec.path).toBeVisible();
    await expect(field.locator('xpath=..'), spec.path).toHaveAttribute(
      'title',
      new RegExp(`^${spec.doc.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
  }
  await page.getByTestId('training-panel').screenshot({ path: testInfo.outputPath('config-panel-expanded.png') });

  // Presets set the model, batches, crop and trainers; the summary follows.
  await page.getByTestId('preset-tiny').click();
  await expect(training.field('preset')).toHaveValue('tiny');
  await expect(training.field('batchSize')).toHaveValue('4');
  await expect(training.field('maxResidues')).toHaveValue('64');
  await expect(page.getByTestId('preset-tiny')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('config-parameter-count')).toContainText('119,689 parameters');

  await page.getByTestId('preset-foldtree2').click();
  await expect(training.field('preset')).toHaveValue('foldtree2');
  await expect(training.field('batchSize')).toHaveValue('2');
  await expect(training.field('gradientAccumulationSteps')).toHaveValue('4');
  await expect(page.getByTestId('config-parameter-count')).toContainText('9,442,325 parameters');
  await expect(page.getByTestId('effective-batch')).toContainText('2 × 1 trainer × 4 accumulation');

  await page.getByTestId('preset-multi-worker').click();
  await expect(training.field('preset')).toHaveValue('teaching');
  await expect(training.field('workers')).toHaveValue('4');
  await expect(training.field('strategy')).toHaveValue('ddp');
  await expect(training.field('lrScaling')).toHaveValue('sqrt');
  await expect(page.getByTestId('effective-batch')).toContainText('Effective batch: 16 proteins');
  await expect(page.getByTestId('planned-trainers')).toContainText('4 trainers');
  await expect(page.getByTestId('config-parameter-count')).toContainText('652,041 parameters');
  await expect(page.getByTestId('preset-tiny')).toHaveAttribute('aria-pressed', 'false');
  // A preset keeps "more" open.
  await expect(training.field('betas')).toBeVisible();

  // Typed values are checked against the schema; a refused one is marked and blocks Start until fixed.
  await expect(training.startButton).toBeEnabled();
  await training.field('plddtThreshold').fill('1.5');
  await expect(training.field('plddtThreshold')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('config-group-masking')).toContainText('expected a number in [0, 1]');
  await expect(training.startButton).toBeDisabled();
  await training.field('betas').fill('0.9, 1.2');
  await expect(page.getByTestId('config-group-optimizer')).toContainText('expected a list of 2 numbers in [0, 1)');
  await training.field('plddtThreshold').fill('0.5');
  await expect(training.startButton).toBeDisabled();
  await training.field('betas').fill('0.85 0.99');
  await expect(training.field('betas')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(training.startButton).toBeEnabled();
  await training.field('runName').fill('panel check');
  await training.field('distanceBinEdges').fill('4, 10, 16, 22, 28, 34, 40');
  await expect(training.field('distanceBinEdges')).not.toHaveAttribute('aria-invalid', 'true');

  // A FoldTree2 YAML fills the panel; both exports carry its values back out.
  await training.importConfig('ft2-muon.yaml', FOLDTREE2_YAML);
  await expect(training.field('muonLr')).toHaveValue('0.015');
  await expect(training.field('adamwLr')).toHaveValue('0.0002');
  await expect(training.field('edgeWeight')).toHaveValue('0.4');
  await expect(training.field('logitWeight')).toHaveValue('0.3');
  await expect(training.field('useCommitmentScheduling')).toBeChecked();
  await expect(training.field('commitmentSchedule')).toHaveValue('linear');
  await expect(training.field('commitmentWarmupSteps')).toHaveValue('800');
  await expect(training.field('hiddenSize')).toHaveValue('100');
  await expect(training.field('runName')).toHaveValue('muon_linear_commitment');
  await expect(training.field('betas')).toHaveValue('0.9, 0.999');
  await expect(page.getByTestId('config-parameter-count')).toContainText('3,586,175 parameters (foldtree2 preset');
  await expect(training.configNotes).toBeVisible();
  await page
    .getByTestId('training-panel')
    .screenshot({ path: testInfo.outputPath('config-panel-foldtree2-import.png') });

  const foldtree2Download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export for FoldTree2' }).click();
  const foldtree2 = await downloadedText(foldtree2Download);
  expect(foldtree2).toMatch(/^muon_lr: 0\.015$/m);
  expect(foldtree2).toMatch(/^edge_weight: 0\.4$/m);
  expect(foldtree2).toMatch(/^commitment_schedule: "linear"$/m);
  expect(foldtree2).toMatch(/^hidden_size: 100$/m);

  const studioDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export YAML' }).click();
  const studioYaml = await downloadedText(studioDownload);
  for (const line of [
    'muonLr: 0.015',
    'edgeWeight: 0.4',
    'commitmentSchedule: "linear"',
    'commitmentWarmupSteps: 800',
    'hiddenSize: 100',
  ]) {
    expect(studioYaml).toContain(line);
  }
  expect(consoleErrors).toEqual([]);
});
