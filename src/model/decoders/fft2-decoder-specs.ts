/** The head shape and parameters of the optional `fft2` decoder (`fft2-decoder.ts`). */
import { mlpSpecs, type MlpShape } from '../layers/mlp-specs';
import type { Fft2DecoderConfig } from '../model-config';
import type { ParameterSpec } from '../params/parameter-spec';

/** 1300 magnitudes + 1300 phases, FoldTree2's [fourier2dr ‖ fourier2di]. */
export const FFT2_WIDTH = 2600;
export const FFT2_PREFIX = 'decoder.fft2';

/** Linear(D → hidden) → GELU → Linear(hidden → hidden) → GELU → Linear(→ 2600). */
export function fft2HeadShape(embeddingDim: number, hidden: number): MlpShape {
  return { widths: [embeddingDim, hidden, hidden, FFT2_WIDTH], activation: 'gelu', activateLast: false };
}

export function fft2DecoderSpecs(config: Fft2DecoderConfig, embeddingDim: number): ParameterSpec[] {
  return mlpSpecs(`${FFT2_PREFIX}.head`, fft2HeadShape(embeddingDim, config.hidden));
}
