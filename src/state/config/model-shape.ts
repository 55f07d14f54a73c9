/**
 * Whether the edited config describes a model that can be built, checked in the page before a run starts (the page
 * cannot build the model: src/model stays out of the main thread). The presets' decoder widths and heads are kept
 * here and checked against the real presets, and the verdict against the trainers' own check, by
 * `model-shape.test.ts`.
 */
import type { ModelPresetChoice, RunConfig } from '../../protocol/run-config';

/** Decoder width and attention heads of each preset's transformer decoders (src/model/presets.ts). */
export const PRESET_DECODER_SHAPES: Readonly<
  Record<ModelPresetChoice, { readonly hidden: number; readonly heads: number }>
> = {
  tiny: { hidden: 16, heads: 2 },
  teaching: { hidden: 64, heads: 4 },
  foldtree2: { hidden: 200, heads: 5 },
  'foldtree2-small': { hidden: 40, heads: 5 },
};

/** The distance head has 8 bins. */
const DISTANCE_BIN_EDGES = 7;

/** Null when a model can be built from `config`; otherwise the reason, naming the keys to change. */
export function modelShapeProblem(config: RunConfig): string | null {
  const base = PRESET_DECODER_SHAPES[config.model.preset];
  const hidden = config.model.hiddenSize ?? base.hidden;
  const heads = config.model.decoderHeads ?? base.heads;
  const decoders = config.decoders.useGeometryTransformer ? ['sequence', 'geometry'] : ['sequence'];
  for (const name of decoders) {
    if (hidden % heads !== 0)
      return `model: the ${name} decoder's width ${hidden} is not divisible by its ${heads} attention heads (set model.hiddenSize or model.decoderHeads)`;
  }
  const edges = config.losses.distanceBinEdges.length;
  if (edges !== DISTANCE_BIN_EDGES)
    return `losses.distanceBinEdges: the distance head has 8 bins, so 7 edges are needed (got ${edges})`;
  return null;
}
