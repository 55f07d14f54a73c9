/**
 * The EMA codebook's statistics under FoldTree2's `VectorQuantizerEMA` names. Both sides keep the same quantities:
 * `ema_w` [K, D] is the EMA of the per-code sums of encoder outputs and `ema_cluster_size` [K] the raw EMA of the
 * per-code counts (HEAD keeps the smoothed sizes in a temporary, as we do). `running_prior` [K] belongs to HEAD's
 * KL regulariser; the studio keeps no running prior (its KL term reads the uniform prior), so the uniform 1/K
 * FoldTree2 starts from is written. `embedding_usage_count` is int64 and left to the hand-over script.
 */
import type { NamedTensor } from '../../formats/safetensors';
import { FT2_ENCODER } from './rule-builders';

export const FT2_QUANTIZER = `${FT2_ENCODER}.vector_quantizer`;

/** The studio's EMA state as the checkpoint stores it (ema-update.ts `emaStateToArrays`). */
export interface EmaBuffers {
  /** [K]. */
  readonly clusterSize: NamedTensor;
  /** [K, D]. */
  readonly emaW: NamedTensor;
}

/** `ema_w`, `ema_cluster_size` and `running_prior` for FoldTree2's state_dict. */
export function foldtree2EmaTensors(ema: EmaBuffers): Map<string, NamedTensor> {
  const [K = 0, D = 0] = ema.emaW.shape;
  if (ema.emaW.shape.length !== 2 || ema.emaW.data.length !== K * D)
    throw new Error(`EMA sums must be [K, D], got [${ema.emaW.shape.join(', ')}]`);
  if (ema.clusterSize.shape.length !== 1 || ema.clusterSize.shape[0] !== K)
    throw new Error(`EMA cluster sizes must be [${K}], got [${ema.clusterSize.shape.join(', ')}]`);
  return new Map([
    [`${FT2_QUANTIZER}.ema_w`, { shape: [K, D], data: Float32Array.from(ema.emaW.data) }],
    [`${FT2_QUANTIZER}.ema_cluster_size`, { shape: [K], data: Float32Array.from(ema.clusterSize.data) }],
    [`${FT2_QUANTIZER}.running_prior`, { shape: [K], data: new Float32Array(K).fill(1 / K) }],
  ]);
}
