/**
 * The size of the model a config trains, for the settings panel. The page cannot build the model (src/model
 * stays out of the main thread), so the presets' counts are kept here and checked against the real parameter
 * list by `parameter-count.test.ts`; a config that changes the model away from its preset gets the preset's
 * count with a note, and the run reports the exact figure once its trainer has built the model.
 */
import type { ModelPresetChoice, RunConfig } from '../../protocol/run-config';

/** Input features per residue of the bundled sample (its `res.x` width), at which the counts below hold. */
export const COUNTED_INPUT_WIDTH = 41;

/** Trainable scalars of each model preset with its own decoders (sequence, geometry, contacts; no FFT2). */
export const PRESET_PARAMETER_COUNTS: Readonly<Record<ModelPresetChoice, number>> = {
  tiny: 119_689,
  teaching: 652_041,
  foldtree2: 9_442_325,
  'foldtree2-small': 1_349_893,
};

export interface ParameterEstimate {
  readonly preset: ModelPresetChoice;
  /** The preset's count. */
  readonly count: number;
  /** `true` when the model `config` trains has the preset's count; otherwise `differences` says what changes it. */
  readonly exact: boolean;
  /** The keys that change the count from the preset's, e.g. `model.hiddenSize`, `decoders.outputFft`. */
  readonly differences: readonly string[];
}

/** The decoder switches each preset is counted with. */
const PRESET_DECODERS: RunConfig['decoders'] = { outputFft: false, useGeometryTransformer: true, useGeometryCnn: true };

/**
 * Model overrides that leave the count alone: dropout has no weights, and the decoder attention projections are
 * width × width whatever the head count (the encoder's are not: each of its heads has its own projection).
 */
const COUNT_NEUTRAL: ReadonlySet<string> = new Set(['preset', 'encoderDropout', 'decoderDropout', 'decoderHeads']);

/** The preset's count, and which keys of `config` move the model's count away from it. */
export function parameterEstimate(config: RunConfig): ParameterEstimate {
  const differences: string[] = [];
  for (const [key, value] of Object.entries(config.model)) {
    if (!COUNT_NEUTRAL.has(key) && value !== null) differences.push(`model.${key}`);
  }
  for (const [key, value] of Object.entries(config.decoders)) {
    if (PRESET_DECODERS[key as keyof RunConfig['decoders']] !== value) differences.push(`decoders.${key}`);
  }
  const preset = config.model.preset;
  return { preset, count: PRESET_PARAMETER_COUNTS[preset], exact: differences.length === 0, differences };
}
