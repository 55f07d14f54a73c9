import { describe, expect, it } from 'vitest';
import { checkRunConfig } from '../../config/check-run-config';
import { defaultRunConfig } from '../../config/run-config-values';
import { browserRunConfig, describeConfigKey, withConfigValue } from './config-edit';

describe('browserRunConfig', () => {
  it('is a valid RunConfig with the browser-friendly overrides and the documented defaults elsewhere', () => {
    const config = browserRunConfig();
    expect(checkRunConfig(config)).toEqual([]);
    expect(config.model.preset).toBe('teaching');
    expect(config.training.batchSize).toBe(4);
    expect(config.training.gradientAccumulationSteps).toBe(1);
    expect(config.data.maxResidues).toBe(128);
    expect(config.schedule.lrSchedule).toBe('cosine');
    expect(config.schedule.lrWarmupRatio).toBe(0);
    expect(config.schedule.lrWarmupSteps).toBe(50);
    expect(config.training.learningRate).toBe(2e-3);
    expect(config.logging.metricInterval).toBe(1);
    expect(config.training.epochs).toBe(50);
    const defaults = defaultRunConfig();
    expect(config.optimizer).toEqual(defaults.optimizer);
    expect(config.vq).toEqual(defaults.vq);
  });
});

describe('withConfigValue', () => {
  it('sets one key and leaves the rest (and the input) unchanged', () => {
    const before = browserRunConfig();
    const edit = withConfigValue(before, 'training.batchSize', 2);
    expect(edit.ok && edit.config.training.batchSize).toBe(2);
    expect(before.training.batchSize).toBe(4);
    expect(edit.ok && edit.config.optimizer).toEqual(before.optimizer);
  });

  it('reads typed text, null for nullable keys and enum values', () => {
    const config = browserRunConfig();
    const lr = withConfigValue(config, 'optimizer.muonLr', ' 1e-3 ');
    expect(lr.ok && lr.config.optimizer.muonLr).toBe(0.001);
    const crop = withConfigValue(config, 'data.maxResidues', null);
    expect(crop.ok && crop.config.data.maxResidues).toBeNull();
    const preset = withConfigValue(config, 'model.preset', 'tiny');
    expect(preset.ok && preset.config.model.preset).toBe('tiny');
  });

  it('refuses values out of range or of the wrong type, saying what the key accepts', () => {
    const config = browserRunConfig();
    expect(withConfigValue(config, 'training.batchSize', 0)).toEqual({
      ok: false,
      message: 'expected an integer in [1, 4096]',
    });
    expect(withConfigValue(config, 'training.batchSize', 2.5)).toMatchObject({ ok: false });
    expect(withConfigValue(config, 'training.batchSize', 'abc')).toMatchObject({ ok: false });
    expect(withConfigValue(config, 'training.batchSize', null)).toMatchObject({ ok: false });
    expect(withConfigValue(config, 'model.preset', 'huge')).toEqual({
      ok: false,
      message: 'expected one of tiny, teaching, foldtree2, foldtree2-small',
    });
  });

  it('describes keys from the schema', () => {
    expect(describeConfigKey('training.gradientAccumulationSteps').doc).toMatch(/Micro-batches/);
    expect(describeConfigKey('data.maxResidues').expected).toBe('an integer in [8, 1000000000] or null');
  });
});
