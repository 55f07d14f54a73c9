import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelConfigFromRun } from '../../model/run-model-config';
import { createModelParameters } from '../../model/tokenizer-model';
import { MODEL_PRESET_NAMES, type RunConfig } from '../../protocol/run-config';
import { browserRunConfig, withConfigValue, type ConfigPath, type ConfigValue } from './config-edit';
import { withConfigPreset } from './config-presets';
import { DEFAULT_INPUT_WIDTH, modelSize } from './parameter-count';

/** What a trainer builds for `config`: its tfjs variables, counted scalar by scalar. */
function builtCount(config: RunConfig, inputWidth: number): number {
  const params = createModelParameters(modelConfigFromRun(config), inputWidth, 1);
  try {
    return params.names().reduce((sum, name) => sum + params.get(name).size, 0);
  } finally {
    params.dispose();
  }
}

function edited(config: RunConfig, path: ConfigPath, value: ConfigValue): RunConfig {
  const edit = withConfigValue(config, path, value);
  if (!edit.ok) throw new Error(`${path}: ${edit.message}`);
  return edit.config;
}

const countOf = (config: RunConfig, inputWidth?: number): number => {
  const size = modelSize(config, inputWidth);
  if (!size.ok) throw new Error(size.reason);
  return size.count;
};

/** The README's "Model presets" table: preset → parameters, as typed there. */
function readmePresetCounts(): Record<string, number> {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const table = readme.slice(readme.indexOf('Model presets ('), readme.indexOf('## Data format'));
  const rows = [...table.matchAll(/^\| `([\w-]+)` \| [^|]+ \| ([\d,]+) \|$/gm)];
  return Object.fromEntries(rows.map(([, preset, count]) => [preset, Number(count?.replace(/,/g, ''))]));
}

describe('modelSize', () => {
  it('is the count of the parameters a trainer builds, for every preset, at the sample’s and another width', () => {
    expect(DEFAULT_INPUT_WIDTH).toBe(41);
    for (const preset of MODEL_PRESET_NAMES) {
      const config = edited(browserRunConfig(), 'model.preset', preset);
      expect(countOf(config), preset).toBe(builtCount(config, DEFAULT_INPUT_WIDTH));
      expect(countOf(config, 857), preset).toBe(builtCount(config, 857));
    }
  });

  it('follows every override that changes the model', () => {
    const base = withConfigPreset(browserRunConfig(), 'teaching');
    for (const [path, value] of [
      ['model.hiddenSize', 40],
      ['model.encoderHeads', 2],
      ['model.embeddingDim', 16],
      ['model.numEmbeddings', 16],
      ['model.encoderLayers', 1],
      ['model.decoderLayers', 1],
      ['model.decoderFeedForward', 64],
      ['model.decoderHeads', 2],
      ['decoders.outputFft', true],
      ['decoders.useGeometryTransformer', false],
      ['decoders.useGeometryCnn', false],
    ] as const) {
      const config = edited(base, path, value);
      expect(countOf(config), path).toBe(builtCount(config, DEFAULT_INPUT_WIDTH));
    }
  });

  it('says why a config cannot be built instead of counting it', () => {
    const config = edited(withConfigPreset(browserRunConfig(), 'teaching'), 'model.decoderHeads', 3);
    expect(modelSize(config)).toEqual({
      ok: false,
      reason: expect.stringMatching(/not divisible by its 3 attention heads/),
      inputWidth: DEFAULT_INPUT_WIDTH,
    });
  });

  it('gives the counts of the README’s "Model presets" table', () => {
    const counts = Object.fromEntries(
      MODEL_PRESET_NAMES.map((preset) => [preset, countOf(edited(browserRunConfig(), 'model.preset', preset))]),
    );
    expect(readmePresetCounts()).toEqual(counts);
  });
});
