/**
 * Whether the model can be built from a run config at all, asked before any trainer starts: the resolved sizes
 * (preset + overrides) and every parameter's shape, the same code the trainers run, without making a tensor. So a
 * config such as FoldTree2's with `hidden_size: 32` (five decoder heads) is refused where it is read, naming keys.
 */
import { RES_X_WIDTH } from '../../protocol/res-features';
import type { RunConfig } from '../../protocol/run-config';
import { modelSpecs } from '../../model/model-specs';
import { modelConfigFromRun } from '../../model/run-model-config';

/**
 * Null when a model of `config` can be built for `inputWidth` features per residue (default: the studio's own
 * `res.x` width); otherwise the reason, one line, naming the config keys to change.
 */
export function modelBuildProblem(config: RunConfig, inputWidth: number = RES_X_WIDTH): string | null {
  try {
    const specs = modelSpecs(modelConfigFromRun(config), inputWidth);
    const empty = specs.find((spec) => spec.shape.some((n) => !Number.isInteger(n) || n < 1));
    if (empty)
      return `model: parameter ${empty.name} would have shape [${empty.shape.join(', ')}] (check the model.* sizes of preset ${config.model.preset})`;
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
