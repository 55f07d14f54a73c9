import { afterEach, describe, expect, it } from 'vitest';
import { trainersFor } from '../../client/coordinator-client';
import { checkRunConfig } from '../../config/check-run-config';
import { browserRunConfig, withConfigValue } from './config-edit';
import { applyConfigPreset, CONFIG_PRESET_NAMES, matchesConfigPreset, withConfigPreset } from './config-presets';
import { resetRunStore } from '../run/run-commands';
import { setConfigValue } from '../run/config-actions';
import { useRunStore } from '../run/run-store';

/** A config a user has been editing: a FoldTree2-style model size and other settings the presets leave alone. */
function editedConfig() {
  let config = browserRunConfig();
  for (const [path, value] of [
    ['model.hiddenSize', 100],
    ['model.numEmbeddings', 40],
    ['optimizer.useMuon', true],
    ['losses.edgeWeight', 0.4],
    ['training.epochs', 7],
  ] as const) {
    const edit = withConfigValue(config, path, value);
    if (!edit.ok) throw new Error(edit.message);
    config = edit.config;
  }
  return config;
}

describe('withConfigPreset', () => {
  it('sets the model, batches, crop and trainers of each preset, as documented on its button', () => {
    const picked = Object.fromEntries(
      CONFIG_PRESET_NAMES.map((name) => {
        const { model, training, data } = withConfigPreset(editedConfig(), name);
        return [
          name,
          [
            model.preset,
            training.batchSize,
            training.gradientAccumulationSteps,
            data.maxResidues,
            training.workers,
            training.strategy,
            training.lrScaling,
          ],
        ];
      }),
    );
    expect(picked).toEqual({
      tiny: ['tiny', 4, 1, 64, 1, 'ddp', 'none'],
      teaching: ['teaching', 4, 1, 128, 1, 'ddp', 'none'],
      'foldtree2-small': ['foldtree2-small', 4, 1, 128, 1, 'ddp', 'none'],
      foldtree2: ['foldtree2', 2, 4, 128, 1, 'ddp', 'none'],
      'multi-worker': ['teaching', 4, 1, 128, 4, 'ddp', 'sqrt'],
    });
  });

  it('gives a valid config, clears the model size overrides and keeps every other setting', () => {
    for (const name of CONFIG_PRESET_NAMES) {
      const config = withConfigPreset(editedConfig(), name);
      expect(checkRunConfig(config), name).toEqual([]);
      expect(
        Object.entries(config.model).filter(([key, value]) => key !== 'preset' && value !== null),
        name,
      ).toEqual([]);
      expect(config.optimizer.useMuon, name).toBe(true);
      expect(config.losses.edgeWeight, name).toBe(0.4);
      expect(config.training.epochs, name).toBe(7);
    }
  });

  it('makes the multi-worker effective batch 4 proteins × 4 trainers = 16, against 4 for teaching', () => {
    const facts = { hardwareConcurrency: 2, hasWebGPU: true, isolated: true };
    const effective = (name: 'teaching' | 'multi-worker') => {
      const { training } = withConfigPreset(browserRunConfig(), name);
      return (
        training.batchSize *
        trainersFor(withConfigPreset(browserRunConfig(), name), facts).count *
        training.gradientAccumulationSteps
      );
    };
    expect(effective('multi-worker')).toBe(16);
    expect(effective('teaching')).toBe(4);
  });
});

describe('matchesConfigPreset', () => {
  it('recognises exactly the preset just applied', () => {
    for (const name of CONFIG_PRESET_NAMES) {
      const config = withConfigPreset(editedConfig(), name);
      expect(CONFIG_PRESET_NAMES.filter((other) => matchesConfigPreset(config, other))).toEqual([name]);
    }
    expect(CONFIG_PRESET_NAMES.filter((name) => matchesConfigPreset(editedConfig(), name))).toEqual([]);
  });
});

describe('applyConfigPreset', () => {
  afterEach(() => resetRunStore());

  it('replaces the edited config, drops refused edits and starts a new field revision', () => {
    setConfigValue('training.batchSize', '0');
    const before = useRunStore.getState();
    expect(before.fieldErrors['training.batchSize']).toBe('expected an integer in [1, 4096]');
    applyConfigPreset('foldtree2');
    const after = useRunStore.getState();
    expect(after.config.model.preset).toBe('foldtree2');
    expect(after.config.training.gradientAccumulationSteps).toBe(4);
    expect(after.fieldErrors).toEqual({});
    expect(after.configRevision).toBe(before.configRevision + 1);
  });

  it('does nothing while a run is active', () => {
    useRunStore.setState({ status: 'running' });
    const before = useRunStore.getState().config;
    applyConfigPreset('tiny');
    expect(useRunStore.getState().config).toBe(before);
  });
});
