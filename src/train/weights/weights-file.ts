/**
 * A run's initial weights from a safetensors file: the studio's own export (studio parameter names, tfjs layout)
 * or one under FoldTree2's PyTorch names and layout (ours, or a FoldTree2 `state_dict` saved as safetensors). Every
 * model parameter must be in the file with its exact shape, so a file from another preset or input width is refused
 * naming the parameter; tensors the model has no use for are reported, not silently dropped.
 */
import * as tf from '@tensorflow/tfjs';
import type { ParameterSet } from '../../model/params/parameter-set';
import type { ParameterSpec } from '../../model/params/parameter-spec';
import { fromFoldtree2Weights, FOLDTREE2_WEIGHTS_FORMAT } from '../foldtree2-weights/index';
import { decodeSafetensors, type NamedTensor } from '../../formats/safetensors';

export type WeightNames = 'studio' | 'foldtree2';

export interface WeightsFileContents {
  /** Studio names → values, in the studio's layout. */
  readonly weights: ReadonlyMap<string, NamedTensor>;
  readonly names: WeightNames;
  /** Tensors of the file the studio has no parameter for (FoldTree2 names as written). */
  readonly ignored: readonly string[];
}

/** FoldTree2 keys start with the LightningModule's submodules; ours with encoder./quantizer./decoder. */
function looksLikeFoldtree2(
  tensors: ReadonlyMap<string, NamedTensor>,
  metadata: Readonly<Record<string, string>>,
): boolean {
  if (metadata['format'] === FOLDTREE2_WEIGHTS_FORMAT) return true;
  if (metadata['format'] === 'foldtree-studio') return false;
  return [...tensors.keys()].some(
    (name) => name.startsWith('studio.') || /\.(lin_query|lin_key|in_proj_weight|out_proj)\b/.test(name),
  );
}

/** Throws naming `source`, the tensor (as the file names it) and the first NaN/±Inf: such weights train nothing. */
function assertFiniteTensors(tensors: ReadonlyMap<string, NamedTensor>, source: string): void {
  for (const [name, tensor] of tensors) {
    const at = tensor.data.findIndex((value) => !Number.isFinite(value));
    if (at >= 0)
      throw new Error(
        `${source}: tensor ${name} holds ${String(tensor.data[at])} at index ${at} (weights must be finite numbers)`,
      );
  }
}

/**
 * Reads the file's tensors under studio names; `source` (the file name) heads every error. A tensor holding NaN or
 * ±Inf is refused, naming it.
 */
export function readWeightsFile(bytes: ArrayBuffer, source: string): WeightsFileContents {
  // A state_dict saved from PyTorch also holds integer buffers (usage counters): reported, not read.
  const { tensors, metadata, skipped } = decodeSafetensors(bytes, source, { skipOtherTypes: true });
  assertFiniteTensors(tensors, source);
  if (!looksLikeFoldtree2(tensors, metadata)) return { weights: tensors, names: 'studio', ignored: skipped };
  const { weights, ignored } = fromFoldtree2Weights(tensors, source);
  return { weights, names: 'foldtree2', ignored: [...ignored, ...skipped] };
}

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/**
 * Writes the file's values into `params`. Throws naming `source` and the first parameter that is missing or has
 * another shape (nothing is written then); returns the file's tensors the model does not have.
 */
export function applyWeights(params: ParameterSet, contents: WeightsFileContents, source: string): string[] {
  assertWeightsFit(params.specs, contents, source);
  for (const spec of params.specs) {
    const tensor = contents.weights.get(spec.name) as NamedTensor;
    tf.tidy(() => params.get(spec.name).assign(tf.tensor(tensor.data, [...spec.shape], 'float32')));
  }
  const known = new Set(params.specs.map((spec) => spec.name));
  return [...contents.ignored, ...[...contents.weights.keys()].filter((name) => !known.has(name))];
}

/**
 * Throws naming `source` and the first parameter of `specs` that the file lacks or holds in another shape: the check
 * `applyWeights` makes, callable before any tensor exists (the command line checks `--init-weights` with it).
 */
export function assertWeightsFit(specs: readonly ParameterSpec[], contents: WeightsFileContents, source: string): void {
  const missing: string[] = [];
  for (const spec of specs) {
    const tensor = contents.weights.get(spec.name);
    if (!tensor) {
      missing.push(spec.name);
      continue;
    }
    if (tensor.shape.length !== spec.shape.length || tensor.shape.some((n, k) => n !== spec.shape[k])) {
      throw new Error(
        `${source}: ${spec.name} has shape ${shapeText(tensor.shape)} in the file, the model's is ${shapeText(spec.shape)} (another preset or input width?)`,
      );
    }
  }
  if (missing.length > 0) {
    const list =
      missing.length > 3 ? `${missing.slice(0, 3).join(', ')} and ${missing.length - 3} more` : missing.join(', ');
    throw new Error(`${source}: the file lacks ${missing.length} of the model's ${specs.length} parameters (${list})`);
  }
}
