/**
 * Run presets for the settings panel: a model size with batches and crops that suit it in a browser tab, and a
 * data-parallel variant. A preset is a short list of key overrides (nanoGPT-style), applied on top of whatever
 * else is set; it clears the model's size overrides so the chosen preset is the model that trains.
 */
import type { ModelPresetChoice, RunConfig } from '../../protocol/run-config';
import { configValue, withConfigValues, type ConfigPath, type ConfigValue } from './config-edit';
import { isActive, useRunStore } from '../run/run-store';

export const CONFIG_PRESET_NAMES = ['tiny', 'teaching', 'foldtree2-small', 'foldtree2', 'multi-worker'] as const;
export type ConfigPresetName = (typeof CONFIG_PRESET_NAMES)[number];

export interface ConfigPreset {
  readonly label: string;
  /** One line for the button's tooltip. */
  readonly description: string;
  readonly values: ReadonlyArray<readonly [ConfigPath, ConfigValue]>;
}

/** The model's size overrides, back to "the preset's value". */
const PRESET_MODEL: ReadonlyArray<readonly [ConfigPath, ConfigValue]> = [
  ['model.hiddenSize', null],
  ['model.embeddingDim', null],
  ['model.numEmbeddings', null],
  ['model.encoderLayers', null],
  ['model.encoderHeads', null],
  ['model.decoderLayers', null],
  ['model.decoderHeads', null],
  ['model.decoderFeedForward', null],
  ['model.encoderDropout', null],
  ['model.decoderDropout', null],
];

/** One trainer, so the effective batch is what the batch fields say. */
const ONE_TRAINER: ReadonlyArray<readonly [ConfigPath, ConfigValue]> = [
  ['training.workers', 1],
  ['training.strategy', 'ddp'],
  ['training.lrScaling', 'none'],
];

/** A model preset on one trainer, with the batches and crops that suit it. */
function sized(
  preset: ModelPresetChoice,
  batchSize: number,
  accumulation: number,
  maxResidues: number,
): ConfigPreset['values'] {
  return [
    ['model.preset', preset],
    ...PRESET_MODEL,
    ['training.batchSize', batchSize],
    ['training.gradientAccumulationSteps', accumulation],
    ['data.maxResidues', maxResidues],
    ...ONE_TRAINER,
  ];
}

export const CONFIG_PRESETS: Readonly<Record<ConfigPresetName, ConfigPreset>> = {
  tiny: {
    label: 'Tiny',
    description:
      'Tiny model, batches of 4 × 64-residue crops: a smoke test that steps in about a second even on a software GPU',
    values: sized('tiny', 4, 1, 64),
  },
  teaching: {
    label: 'Teaching',
    description: 'Teaching model, batches of 4 × 128-residue crops: learns visibly within minutes on a laptop GPU',
    values: sized('teaching', 4, 1, 128),
  },
  'foldtree2-small': {
    label: 'FoldTree2 small',
    description:
      "FoldTree2's own architecture at width 40, batches of 4 × 128-residue crops: trains in a tab and hands over to learn_lightning.py",
    values: sized('foldtree2-small', 4, 1, 128),
  },
  foldtree2: {
    label: 'FoldTree2',
    description:
      'FoldTree2-size model; 2 proteins of 128 residues per micro-batch, 4 accumulated (effective batch 8) to fit GPU memory',
    values: sized('foldtree2', 2, 4, 128),
  },
  'multi-worker': {
    label: 'Multi-worker',
    description: 'Teaching model on 4 data-parallel trainers (ddp), learning rates × √4: effective batch 16',
    values: [
      ['model.preset', 'teaching'],
      ...PRESET_MODEL,
      ['training.batchSize', 4],
      ['training.gradientAccumulationSteps', 1],
      ['data.maxResidues', 128],
      ['training.workers', 4],
      ['training.strategy', 'ddp'],
      ['training.lrScaling', 'sqrt'],
    ],
  },
};

/** `config` with the preset's values; each is checked against its schema row like any edit. */
export function withConfigPreset(config: RunConfig, name: ConfigPresetName): RunConfig {
  try {
    return withConfigValues(config, CONFIG_PRESETS[name].values);
  } catch (error) {
    throw new Error(`preset ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Whether every value of the preset is what `config` holds (the preset's button shows as chosen). */
export function matchesConfigPreset(config: RunConfig, name: ConfigPresetName): boolean {
  return CONFIG_PRESETS[name].values.every(([path, value]) => configValue(config, path) === value);
}

/**
 * Applies a preset to the edited config. The fields are rebuilt from the new config (a new revision), so what
 * was typed and refused before is dropped along with its error, as on import or reset. Ignored while a run is
 * active: its config is fixed except the keys that change live.
 */
export function applyConfigPreset(name: ConfigPresetName): void {
  if (isActive(useRunStore.getState().status)) return;
  useRunStore.setState((state) => ({
    config: withConfigPreset(state.config, name),
    fieldErrors: {},
    configRevision: state.configRevision + 1,
  }));
}
