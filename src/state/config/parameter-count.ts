/**
 * The size of the model a config trains, for the settings panel: the model's own parameter list (`modelSpecs`, the
 * list the trainers build their variables from, kept free of tfjs so the page may read it), counted at the open
 * dataset's input width.
 */
import { modelSpecs } from '../../model/model-specs';
import { parameterCount } from '../../model/params/parameter-spec';
import { modelConfigFromRun } from '../../model/run-model-config';
import { RES_X_WIDTH } from '../../protocol/res-features';
import type { RunConfig } from '../../protocol/run-config';

/** Input features per residue while no dataset is open: the studio's own `res.x` width, the bundled sample's 41. */
export const DEFAULT_INPUT_WIDTH = RES_X_WIDTH;

/** The number of scalars in every parameter of the model, or why the model cannot be built. */
export type ModelSize =
  | { readonly ok: true; readonly count: number; readonly inputWidth: number }
  | { readonly ok: false; readonly reason: string; readonly inputWidth: number };

/** The exact size of the model `config` builds for `inputWidth` features per residue (the dataset's `res.x` width). */
export function modelSize(config: RunConfig, inputWidth: number = DEFAULT_INPUT_WIDTH): ModelSize {
  try {
    return { ok: true, count: parameterCount(modelSpecs(modelConfigFromRun(config), inputWidth)), inputWidth };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error), inputWidth };
  }
}
