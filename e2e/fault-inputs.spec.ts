/**
 * Generated faulty inputs through the page (scripts/fault-corpus): a dataset with bad proteins lists each with its
 * reason and trains on the rest; structure faults are kept apart or skipped with reasons; weights with NaN are refused
 * naming the tensor before training; a protein too long for memory even alone is refused by the pre-flight. The page shows no
 * console error, and a good file still opens afterwards.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDataset } from '../scripts/build-dataset';
import { readGoodProteins, VALUE_FAULTS, writeValueFaultFile } from '../scripts/fault-corpus/h5-faults';
import { CONFIG_FAULTS, presetWeights, weightsFile } from '../scripts/fault-corpus/input-faults';
import { atomRecords, longChainPdb, writeStructureFaults } from '../scripts/fault-corpus/structure-faults';
import { collectConsoleErrors } from './console-errors';
import { fixturePath } from './fixture-files';
import { StudioPage } from './studio-page';
import { TrainingPage } from './training-page';

const work = mkdtempSync(join(tmpdir(), 'studio-faults-'));

test('a dataset with bad proteins: each is listed with its reason, the usable count is shown, and training uses the rest', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const faulty = join(work, 'value-faults.h5');
  await writeValueFaultFile(faulty, await readGoodProteins(fixturePath('tiny-structs.h5')));
  const errors = collectConsoleErrors(page);
  const studio = new StudioPage(page);
  const training = new TrainingPage(page);
  await studio.open();
  await studio.proteinCountValue();
  await studio.pick([faulty]);
  await expect(studio.datasetName).toHaveText('value-faults.h5');
  expect(await studio.proteinCountValue()).toBe(3);
  await expect(page.getByTestId('skipped-count')).toContainText(String(VALUE_FAULTS.length));
  for (const fault of VALUE_FAULTS) {
    await expect(studio.skippedList).toContainText(`value-faults.h5:${fault.id}: protein ${fault.id}: `);
    await expect(studio.skippedList).toContainText(fault.reason);
  }

  await training.configure({ preset: 'tiny', backend: 'wasm', batchSize: 2, maxResidues: 24, maxSteps: 2 });
  await training.start();
  await expect(training.state).toHaveText('finished', { timeout: 90_000 });
  for (const fault of VALUE_FAULTS) await expect(training.log).toContainText(`skipped value-faults.h5:${fault.id}`);

  await studio.pick([fixturePath('tiny-structs.h5')]);
  await expect(studio.datasetName).toHaveText('tiny-structs.h5');
  await expect(page.getByTestId('skipped-none')).toBeVisible();
  expect(errors).toEqual([]);
});

test('structure faults: a reused chain id stays a separate protein; zero coordinates and waters only are skipped with reasons', async ({
  page,
}) => {
  const faults = writeStructureFaults(
    join(work, 'structures'),
    fixturePath('structures/python3-prody-tests/pdb1ubi.pdb.gz'),
  );
  const errors = collectConsoleErrors(page);
  const studio = new StudioPage(page);
  await studio.open();
  await studio.proteinCountValue();
  await studio.pick([faults.reusedChain, faults.zeroCoordinates, faults.watersOnly]);
  await expect(studio.datasetName).toContainText('3 files');
  expect(await studio.proteinCountValue()).toBe(3);
  await expect(studio.skippedList).toContainText('zero-coordinates.pdb:A: degenerate coordinates');
  await expect(studio.skippedList).toContainText('waters-only.pdb: no protein chain');
  expect(errors).toEqual([]);
});

test('a protein too long to fit the WebAssembly heap even alone is refused by the memory pre-flight before any step, naming the crop that fits', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const structure = join(work, 'long-chain.pdb');
  writeFileSync(structure, longChainPdb(atomRecords(fixturePath('structures/python3-cctbx/pae.pdb.gz')), 2400));
  const long = join(work, 'long-chain.h5');
  await buildDataset({
    inputs: [structure],
    output: long,
    contactCutoff: 15,
    maxResidues: undefined,
    chain: undefined,
    overwrite: false,
    foldtree2Exact: false,
  });
  const errors = collectConsoleErrors(page);
  const studio = new StudioPage(page);
  const training = new TrainingPage(page);
  await studio.open();
  await studio.proteinCountValue();
  await studio.pick([long]);
  await expect(studio.datasetName).toHaveText('long-chain.h5');
  expect(await studio.proteinCountValue()).toBe(1);
  await training.configure({ preset: 'teaching', backend: 'wasm', batchSize: 2, maxResidues: 3000, maxSteps: 2 });
  await training.start();
  await expect(training.state).toHaveText('failed', { timeout: 60_000 });
  await expect(training.error).toContainText(
    'memory pre-flight: one protein of 2400 residues (the longest protein, uncropped) needs about',
  );
  await expect(training.error).toContainText('more than the 3.9 GB a pass may use on the WebAssembly backend');
  await expect(training.error).toContainText('set data.maxResidues');
  expect(await training.stepValue()).toBe(0);
  expect(errors).toEqual([]);
});

test('weights with NaN are refused naming the tensor, before any step, and the run says it could not start', async ({
  page,
}) => {
  const poisoned = [...presetWeights('tiny').keys()][1] ?? '';
  const file = join(work, 'nan.safetensors');
  writeFileSync(file, new Uint8Array(weightsFile('tiny', poisoned)));
  const errors = collectConsoleErrors(page);
  const studio = new StudioPage(page);
  const training = new TrainingPage(page);
  await studio.open();
  await studio.proteinCountValue();
  await training.configure({ preset: 'tiny', backend: 'wasm', batchSize: 2, maxResidues: 24, maxSteps: 2 });
  await page.getByTestId('run-weights-file').setInputFiles(file);
  await expect(training.state).toHaveText('failed', { timeout: 60_000 });
  await expect(training.error).toContainText(`The run could not start: nan.safetensors: tensor ${poisoned} holds NaN`);
  await expect(training.error).not.toContainText('checkpoint');
  expect(await training.stepValue()).toBe(0);
  expect(errors).toEqual([]);
});

test('a config no model can be built from is refused at import, naming the keys, and nothing starts', async ({
  page,
}) => {
  const config = CONFIG_FAULTS.find((fault) => fault.file === 'foldtree2-hidden-32.yaml');
  const errors = collectConsoleErrors(page);
  const studio = new StudioPage(page);
  const training = new TrainingPage(page);
  await studio.open();
  await studio.proteinCountValue();
  await training.importConfig(config?.file ?? '', config?.text ?? '');
  await expect(training.configError).toContainText('foldtree2-hidden-32.yaml: model: the sequence decoder');
  await expect(training.configError).toContainText('set model.hiddenSize or model.decoderHeads');
  await expect(training.state).not.toHaveText(/starting|running|failed/);
  expect(errors).toEqual([]);
});
