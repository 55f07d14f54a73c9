import { describe, expect, it } from 'vitest';
import { parameterCount } from '../../model/params/parameter-spec';
import { modelSpecs } from '../../model/model-specs';
import { MODEL_PRESET_NAMES, type RunConfig } from '../../protocol/run-config';
import { modelConfigFromRun } from '../../model/run-model-config';
import { browserRunConfig, withConfigValue, type ConfigPath, type ConfigValue } from './config-edit';
import { withConfigPreset } from './config-presets';
import { COUNTED_INPUT_WIDTH, parameterEstimate, PRESET_PARAMETER_COUNTS } from './parameter-count';

/** What the trainer builds for `config`: the real parameter list, counted. */
const builtCount = (config: RunConfig): number =>
  parameterCount(modelSpecs(modelConfigFromRun(config), COUNTED_INPUT_WIDTH));

function edited(config: RunConfig, path: ConfigPath, value: ConfigValue): RunConfig {
  const edit = withConfigValue(config, path, value);
  if (!edit.ok) throw new Error(`${path}: ${edit.message}`);
  return edit.config;
}

describe('PRESET_PARAMETER_COUNTS', () => {
  it('is the count of the model each preset builds, and the README table', () => {
    for (const preset of MODEL_PRESET_NAMES) {
      const config = edited(browserRunConfig(), 'model.preset', preset);
      expect(builtCount(config)).toBe(PRESET_PARAMETER_COUNTS[preset]);
      expect(parameterEstimate(config)).toEqual({
        preset,
        count: PRESET_PARAMETER_COUNTS[preset],
        exact: true,
        differences: [],
      });
    }
    // README "Model presets" table, typed in by hand.
    expect(PRESET_PARAMETER_COUNTS).toEqual({
      tiny: 119689,
      teaching: 652041,
      foldtree2: 9442325,
      'foldtree2-small': 1349893,
    });
  });
});

describe('parameterEstimate', () => {
  const base = withConfigPreset(browserRunConfig(), 'teaching');

  it('calls the count exact when only keys that keep it differ (dropout, decoder heads, EMA, batches)', () => {
    for (const [path, value] of [
      ['model.decoderHeads', 2],
      ['model.encoderDropout', 0.2],
      ['model.decoderDropout', 0.3],
      ['vq.ema', false],
      ['training.batchSize', 9],
    ] as const) {
      const config = edited(base, path, value);
      expect(builtCount(config), path).toBe(PRESET_PARAMETER_COUNTS.teaching);
      expect(parameterEstimate(config).exact, path).toBe(true);
    }
  });

  it('names every key that makes the built model’s count differ from the preset’s', () => {
    for (const [path, value] of [
      ['model.hiddenSize', 40],
      ['model.encoderHeads', 2],
      ['model.embeddingDim', 16],
      ['model.numEmbeddings', 16],
      ['model.encoderLayers', 1],
      ['model.decoderLayers', 1],
      ['model.decoderFeedForward', 64],
      ['decoders.outputFft', true],
      ['decoders.useGeometryTransformer', false],
      ['decoders.useGeometryCnn', false],
    ] as const) {
      const config = edited(base, path, value);
      expect(builtCount(config), path).not.toBe(PRESET_PARAMETER_COUNTS.teaching);
      expect(parameterEstimate(config), path).toMatchObject({
        preset: 'teaching',
        count: PRESET_PARAMETER_COUNTS.teaching,
        exact: false,
        differences: [path],
      });
    }
  });
});
