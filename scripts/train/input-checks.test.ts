/** The command line's checks before anything starts, against generated faulty files (scripts/fault-corpus). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importConfig } from '../../src/config/import-config';
import { checkpointConfig } from '../../src/train/trainer/trainer-checkpoint';
import { readGoodProteins } from '../fault-corpus/h5-faults';
import {
  brokenHeaderWeights,
  CONFIG_FAULTS,
  presetCheckpoint,
  presetConfig,
  presetWeights,
  weightsFile,
} from '../fault-corpus/input-faults';
import { CliError, EXIT_CODES } from './exit-codes';
import { checkInitWeights, datasetInputWidth, refuseUnbuildableModel, resumedConfig } from './input-checks';

const work = mkdtempSync(join(tmpdir(), 'input-checks-'));
const tiny = resolve(import.meta.dirname, '../../fixtures/tiny-structs.h5');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The usage error `run` throws: exit 2 and one line. */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(EXIT_CODES.usage);
    expect((error as CliError).message).not.toContain('\n');
    return (error as CliError).message;
  }
  throw new Error('not refused');
}

describe('refused before a browser starts (exit 2, one line)', () => {
  it('a FoldTree2 config the model cannot be built from names the keys', () => {
    const fault = CONFIG_FAULTS.find((f) => f.file === 'foldtree2-hidden-32.yaml');
    const { config } = importConfig(fault?.text ?? '', 'ft2.yaml');
    const message = refusal(() => refuseUnbuildableModel(config, 'ft2.yaml', 41));
    expect(message).toMatch(
      /^ft2\.yaml: model: the \w+ decoder's width 32 is not divisible by its 5 attention heads \(set model\.hiddenSize or model\.decoderHeads\)$/,
    );
  });

  it('init weights with NaN, with a broken header, or of another preset', () => {
    const write = (name: string, bytes: ArrayBuffer) => {
      writeFileSync(join(work, name), new Uint8Array(bytes));
      return join(work, name);
    };
    const poisoned = [...presetWeights('tiny').keys()][0] ?? '';
    expect(
      refusal(() =>
        checkInitWeights(write('nan.safetensors', weightsFile('tiny', poisoned)), presetConfig('tiny'), 41),
      ),
    ).toBe(`--init-weights: nan.safetensors: tensor ${poisoned} holds NaN at index 3 (weights must be finite numbers)`);
    expect(
      refusal(() => checkInitWeights(write('broken.safetensors', brokenHeaderWeights()), presetConfig('tiny'), 41)),
    ).toMatch(/^--init-weights: broken\.safetensors: the safetensors header is not valid JSON/);
    expect(
      refusal(() => checkInitWeights(write('teaching.safetensors', weightsFile('teaching')), presetConfig('tiny'), 41)),
    ).toMatch(/^--init-weights: teaching\.safetensors: \S+ has shape .* \(another preset or input width\?\)$/);
    expect(() =>
      checkInitWeights(write('tiny.safetensors', weightsFile('tiny')), presetConfig('tiny'), 41),
    ).not.toThrow();
  });

  it('a dataset that does not open, named with its reason', async () => {
    const fake = join(work, 'fake.h5');
    writeFileSync(fake, 'not hdf5 at all');
    await expect(datasetInputWidth(fake)).rejects.toThrow(
      `dataset ${fake}: not an HDF5 file (it does not start with the HDF5 signature)`,
    );
    await expect(datasetInputWidth(tiny)).resolves.toBe(41);
  });
});

describe('--resume with a checkpoint of another model', () => {
  it('adopts the checkpoint’s model and config and says so in one line', async () => {
    const bytes = await presetCheckpoint('teaching', (await readGoodProteins(tiny)).slice(0, 2), 'teaching-run');
    const saved = checkpointConfig(bytes, 'teaching-run-step1.ftsckpt');
    const planned = presetConfig('tiny');
    const { config, note } = resumedConfig(planned, saved, 'teaching-run-step1.ftsckpt', 41);
    expect(config.model.preset).toBe('teaching');
    expect(config.logging.runName).toBe('teaching-run');
    expect(note).toMatch(
      /^--resume: teaching-run-step1\.ftsckpt holds a teaching model \([\d,]+ parameters\), not the tiny model the config describes; continuing with the checkpoint's model and config$/,
    );
    expect(resumedConfig(saved, saved, 'same.ftsckpt', 41).note).toBeNull();
  }, 60_000);
});
