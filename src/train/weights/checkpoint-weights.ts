/** A checkpoint's weights as a safetensors file, without loading a model: under the studio's names or FoldTree2's. */
import { assertRunConfig } from '../../config/check-run-config';
import { foldtree2RefusalText } from '../../config/foldtree2-handover';
import { EMA_STATE_NAMES } from '../../model/quantizer/ema-update';
import { decodeCheckpoint } from '../../formats/checkpoint-codec';
import {
  FOLDTREE2_WEIGHTS_FORMAT,
  foldtree2BuildProblems,
  toFoldtree2Weights,
  type EmaBuffers,
} from '../foldtree2-weights/index';
import { modelConfigFromRun } from '../../model/run-model-config';
import { encodeSafetensors, type NamedTensor } from '../../formats/safetensors';

interface CheckpointParts {
  readonly weights?: Record<string, NamedTensor>;
  readonly ema?: Record<string, NamedTensor> | null;
  readonly config?: unknown;
}

function checkpointWeights(contents: CheckpointParts): Map<string, NamedTensor> {
  if (!contents.weights) throw new Error('the checkpoint holds no weights');
  return new Map(Object.entries(contents.weights));
}

/** The studio's parameter names and tfjs layout (`format: foldtree-studio`). */
export function checkpointWeightsAsSafetensors(
  checkpoint: ArrayBuffer,
  metadata: Readonly<Record<string, string>> = {},
): ArrayBuffer {
  return encodeSafetensors(checkpointWeights(decodeCheckpoint(checkpoint) as CheckpointParts), {
    format: 'foldtree-studio',
    ...metadata,
  });
}

function emaBuffers(ema: CheckpointParts['ema']): EmaBuffers | undefined {
  const clusterSize = ema?.[EMA_STATE_NAMES.clusterSize];
  const emaW = ema?.[EMA_STATE_NAMES.emaW];
  return clusterSize && emaW ? { clusterSize, emaW } : undefined;
}

/**
 * FoldTree2's PyTorch `state_dict` names and layouts (docs/foldtree2-weights.md), with the EMA statistics, for
 * learn_lightning.py's model. Throws with the reasons when FoldTree2 cannot build the checkpoint's model.
 */
export function checkpointWeightsForFoldtree2(
  checkpoint: ArrayBuffer,
  metadata: Readonly<Record<string, string>> = {},
): ArrayBuffer {
  const contents = decodeCheckpoint(checkpoint) as CheckpointParts;
  assertRunConfig(contents.config, 'checkpoint');
  const refusal = foldtree2RefusalText(contents.config);
  if (refusal !== null) throw new Error(refusal);
  const problems = foldtree2BuildProblems(modelConfigFromRun(contents.config));
  if (problems.length > 0)
    throw new Error(`FoldTree2's learn_lightning.py cannot build this model: ${problems.join('; ')}`);
  const exported = toFoldtree2Weights(checkpointWeights(contents), emaBuffers(contents.ema));
  return encodeSafetensors(exported, { format: FOLDTREE2_WEIGHTS_FORMAT, ...metadata });
}
