import { expect, test, type Page } from '@playwright/test';
import { weightChecksum } from '../src/train/parallel/weight-checksum';
import { decodeSafetensors } from '../src/formats/safetensors';
import { collectConsoleErrors } from './console-errors';
import { StudioPage } from './studio-page';
import { TrainingPage } from './training-page';
import { runPython } from '../src/shared/python-reference.node';

/** Clicks `testId` and returns the downloaded file's name and bytes. */
async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const pending = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  const file = await pending;
  const chunks = await (await file.createReadStream()).toArray();
  return { name: file.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

const arrayBufferOf = (bytes: Buffer): ArrayBuffer => Uint8Array.from(bytes).buffer;

/** Names and sizes of the files in a zip, as Python's zipfile lists them (an independent reader). */
function zipListing(bytes: Buffer): Array<[string, number]> {
  const script =
    'import io, json, sys, zipfile\nz = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))\nprint(json.dumps([[i.filename, i.file_size] for i in z.infolist()]))';
  return JSON.parse(runPython({ code: script }, { input: bytes })) as Array<[string, number]>;
}

test('a model FoldTree2 cannot build: the FoldTree2 exports are off and the page says why', async ({ page }) => {
  test.setTimeout(60_000);
  const studio = new StudioPage(page);
  const training = new TrainingPage(page);
  await studio.open();
  await studio.proteinCountValue();
  await training.configure({ preset: 'tiny', batchSize: 2, maxResidues: 32, seed: 7, backend: 'wasm' });
  await training.start();
  await expect.poll(() => training.stepValue(), { timeout: 40_000 }).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('run-download-foldtree2-weights')).toBeDisabled();
  await expect(page.getByTestId('run-download-foldtree2-handover')).toBeDisabled();
  await expect(page.getByTestId('run-foldtree2-refusal')).toContainText(
    'FoldTree2\'s learn_lightning.py cannot build this model: the "tiny" preset has 2 encoder heads',
  );
});

test('weights leave under FoldTree2 names, as a hand-over folder, and start a new run with exactly those values', async ({
  page,
}, testInfo) => {
  // The WebAssembly backend: a few steps take seconds, where SwiftShader would first compile its shaders.
  test.setTimeout(180_000);
  const consoleErrors = collectConsoleErrors(page);
  const studio = new StudioPage(page);
  const training = new TrainingPage(page);
  await studio.open();
  await studio.proteinCountValue();
  await training.configure({ preset: 'foldtree2-small', batchSize: 2, maxResidues: 24, seed: 7, backend: 'wasm' });
  await training.start();
  await expect.poll(() => training.stepValue(), { timeout: 90_000 }).toBeGreaterThanOrEqual(2);
  await training.pauseButton.click();
  await expect(training.state).toHaveText('paused');
  // A foldtree2-small step takes over a second on WebAssembly: wait until the count has stood still for longer.
  const step = await training.steadyStep(4_000, 60_000);

  const studioNames = await download(page, 'run-download-weights');
  const foldtree2Names = await download(page, 'run-download-foldtree2-weights');
  expect(studioNames.name).toMatch(new RegExp(`-step${step}\\.safetensors$`));
  expect(foldtree2Names.name).toMatch(new RegExp(`-step${step}\\.foldtree2\\.safetensors$`));
  const ours = decodeSafetensors(arrayBufferOf(studioNames.bytes), studioNames.name);
  const theirs = decodeSafetensors(arrayBufferOf(foldtree2Names.bytes), foldtree2Names.name);
  expect(theirs.metadata['format']).toBe('foldtree2');
  // FoldTree2's codebook key, and a linear weight stored [out, in]: the studio's [in, out] transposed.
  expect(theirs.tensors.get('encoder.vector_quantizer.embeddings.weight')?.data).toEqual(
    ours.tensors.get('quantizer.codebook')?.data,
  );
  const [inputs, outputs] = ours.tensors.get('encoder.head.mlp.1.weight')?.shape ?? [];
  expect(theirs.tensors.get('encoder.head.lin.2.weight')?.shape).toEqual([outputs, inputs]);
  const expected = weightChecksum([...ours.tensors].map(([name, t]) => [name, t.data] as const)).hash;
  // Every studio parameter has a FoldTree2 key (nothing travels as studio.*), plus the EMA statistics.
  expect(
    [...theirs.tensors.keys()].filter((key) => key.startsWith('studio.') && !key.endsWith('.edge.weight')),
  ).toEqual([]);
  expect(theirs.tensors.get('encoder.vector_quantizer.ema_w')?.shape).toEqual(
    ours.tensors.get('quantizer.codebook')?.shape,
  );

  const handover = await download(page, 'run-download-foldtree2-handover');
  expect(handover.name).toMatch(/-foldtree2-handover\.zip$/);
  const listing = zipListing(handover.bytes);
  expect(listing.map(([name]) => name.split('/').pop())).toEqual([
    'foldtree2.yaml',
    'foldtree2.safetensors',
    'foldtree2_handover.py',
    'README.txt',
  ]);
  expect(new Set(listing.map(([name]) => name.split('/')[0])).size).toBe(1);

  await training.stopButton.click();
  await expect(training.state).toHaveText('stopped');
  await page.getByTestId('run-weights-file').setInputFiles({
    name: 'handed-back.safetensors',
    mimeType: 'application/octet-stream',
    buffer: foldtree2Names.bytes,
  });
  await expect(training.log).toContainText(
    `Weights from handed-back.safetensors (FoldTree2 names): all ${ours.tensors.size} parameters loaded, checksum ${expected}`,
    { timeout: 90_000 },
  );
  await expect.poll(() => training.stepValue(), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
  await training.stopButton.click();
  await expect(training.state).toHaveText('stopped');
  await training.panel.screenshot({ path: testInfo.outputPath('training-panel.png') });
  expect(consoleErrors).toEqual([]);
});
