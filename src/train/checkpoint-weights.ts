/** A checkpoint's weights as a safetensors file, without loading a model: under the studio's names or FoldTree2's. */
import { decodeCheckpoint } from './checkpoint-codec';
import { FOLDTREE2_WEIGHTS_FORMAT, toFoldtree2Weights } from './foldtree2-weights/index';
import { encodeSafetensors, type NamedTensor } from './safetensors';

function checkpointWeights(checkpoint: ArrayBuffer): Map<string, NamedTensor> {
  const contents = decodeCheckpoint(checkpoint) as { weights?: Record<string, NamedTensor> };
  if (!contents.weights) throw new Error('the checkpoint holds no weights');
  return new Map(Object.entries(contents.weights));
}

/** The studio's parameter names and tfjs layout (`format: foldtree-studio`). */
export function checkpointWeightsAsSafetensors(checkpoint: ArrayBuffer, metadata: Readonly<Record<string, string>> = {}): ArrayBuffer {
  return encodeSafetensors(checkpointWeights(checkpoint), { format: 'foldtree-studio', ...metadata });
}

/** FoldTree2's PyTorch `state_dict` names and layouts (docs/foldtree2-weights.md), for `load_state_dict(strict=False)`. */
export function checkpointWeightsForFoldtree2(checkpoint: ArrayBuffer, metadata: Readonly<Record<string, string>> = {}): ArrayBuffer {
  return encodeSafetensors(toFoldtree2Weights(checkpointWeights(checkpoint)), { format: FOLDTREE2_WEIGHTS_FORMAT, ...metadata });
}
