/** A checkpoint's weights as a safetensors file (the studio's parameter names), without loading a model. */
import { decodeCheckpoint } from './checkpoint-codec';
import { encodeSafetensors, type NamedTensor } from './safetensors';

export function checkpointWeightsAsSafetensors(checkpoint: ArrayBuffer, metadata: Readonly<Record<string, string>> = {}): ArrayBuffer {
  const contents = decodeCheckpoint(checkpoint) as { weights?: Record<string, NamedTensor> };
  if (!contents.weights) throw new Error('the checkpoint holds no weights');
  return encodeSafetensors(contents.weights, { format: 'foldtree-studio', ...metadata });
}
