/**
 * What `npm run train` checks in Node before a server or browser starts, so every input problem it can find ends in
 * exit 2 and one line naming the file or key: a config no model can be built from, a dataset that does not open
 * or has no usable protein by its shapes, an `--init-weights` file with NaN/Inf or of another model, and a
 * `--resume` checkpoint of another model shape (adopted, and said in one line).
 */
import h5wasm from 'h5wasm/node';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { closeStructsFile, openStructsFile } from '../../src/data/hdf5/open-file';
import { readIndex } from '../../src/data/hdf5/read-index';
import { modelSpecs } from '../../src/model/model-specs';
import { RES_X_WIDTH } from '../../src/protocol/res-features';
import type { RunConfig } from '../../src/protocol/run-config';
import { modelBuildProblem } from '../../src/train/trainer/model-build-check';
import { modelConfigFromRun } from '../../src/model/run-model-config';
import { assertWeightsFit, readWeightsFile } from '../../src/train/weights/weights-file';
import { withConfigValue } from '../../src/state/config/config-edit';
import { usageError } from './exit-codes';

/** Refuses (exit 2) a config the model cannot be built from, naming `configName` and the keys. */
export function refuseUnbuildableModel(config: RunConfig, configName: string, inputWidth: number): void {
  const problem = modelBuildProblem(config, inputWidth);
  if (problem !== null) throw usageError(`${configName}: ${problem}`);
}

/**
 * The `res.x` width of the dataset at `path` (null: the bundled sample, the studio's own width), after opening it
 * and checking that some protein is usable by its shapes; exit 2 naming the file otherwise. Values are checked
 * by the page when it opens the file (every protein read once), which reports each bad protein.
 */
export async function datasetInputWidth(path: string | null): Promise<number> {
  if (path === null) return RES_X_WIDTH;
  await h5wasm.ready;
  let handle;
  try {
    handle = await openStructsFile(h5wasm, path, basename(path));
  } catch (error) {
    throw usageError(
      `dataset ${path}: ${error instanceof Error ? error.message.replace(`${basename(path)}: `, '') : String(error)}`,
    );
  }
  try {
    const index = readIndex(handle);
    if (index.proteins.length === 0) {
      const first = index.skipped[0];
      throw usageError(
        `dataset ${path}: no usable protein (${index.skipped.length} skipped${first ? `; first: ${first.reason}` : ''})`,
      );
    }
    return index.resWidth ?? RES_X_WIDTH;
  } finally {
    closeStructsFile(handle);
  }
}

/** Refuses (exit 2) `--init-weights` that hold NaN/Inf, are not safetensors, or do not fit the config's model. */
export function checkInitWeights(path: string, config: RunConfig, inputWidth: number): void {
  const name = basename(path);
  try {
    const bytes = readFileSync(path);
    const contents = readWeightsFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), name);
    assertWeightsFit(modelSpecs(modelConfigFromRun(config), inputWidth), contents, name);
  } catch (error) {
    throw usageError(`--init-weights: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Parameter names and shapes: what must agree for a checkpoint's weights to be the config's model. */
function modelShape(config: RunConfig, inputWidth: number): { text: string; count: number } | null {
  try {
    const specs = modelSpecs(modelConfigFromRun(config), inputWidth);
    return {
      text: specs.map((s) => `${s.name}[${s.shape.join(',')}]`).join(' '),
      count: specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0),
    };
  } catch {
    return null;
  }
}

/**
 * The config a resumed run trains with: the checkpoint's own (the trainers restore it, and the exported FoldTree2
 * files must describe the weights), training the `planned` run's dataset. `note` is one line when the checkpoint's
 * model differs in shape from the one `planned` describes, null otherwise.
 */
export function resumedConfig(
  planned: RunConfig,
  saved: RunConfig,
  checkpointName: string,
  inputWidth: number,
): { config: RunConfig; note: string | null } {
  const edit = withConfigValue(saved, 'data.dataset', planned.data.dataset);
  const config = edit.ok ? edit.config : saved;
  const [was, is] = [modelShape(saved, inputWidth), modelShape(planned, inputWidth)];
  if (was !== null && is !== null && was.text === is.text) return { config, note: null };
  const size = was === null ? '' : ` (${was.count.toLocaleString('en')} parameters)`;
  const note = `--resume: ${checkpointName} holds a ${saved.model.preset} model${size}, not the ${planned.model.preset} model the config describes; continuing with the checkpoint's model and config`;
  return { config, note };
}
