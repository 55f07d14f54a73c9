/**
 * The quantizer's one trainable tensor. With `ema: true` the trainer never applies gradients to it (the EMA update
 * in `ema-update.ts` overwrites it each step); with `ema: false` it is trained by the `q_latent` gradient.
 */
import type { QuantizerConfig } from '../model-config';
import type { ParameterSpec } from '../params/parameter-spec';

/** Name of the codebook parameter, [K, D]: row k is the embedding of structural token k. */
export const CODEBOOK_PARAMETER = 'quantizer.codebook';

/** `quantizer.codebook` [K, D], U(−1/K, 1/K) like FoldTree2's `embeddings.weight.data.uniform_(−1/K, 1/K)`. */
export function quantizerSpecs(config: QuantizerConfig): ParameterSpec[] {
  return [
    {
      name: CODEBOOK_PARAMETER,
      shape: [config.codes, config.embeddingDim],
      init: { kind: 'uniform', limit: 1 / config.codes },
    },
  ];
}

/** Whether the optimizer should update the codebook: only when it is not maintained by EMA. */
export function codebookIsTrainedByGradient(config: QuantizerConfig): boolean {
  return !config.ema;
}
