/**
 * Model presets. `tiny` is for tests (SwiftShader runs it in seconds), `teaching` is the studio's default (learns
 * visibly within minutes on a laptop GPU), `foldtree2` is the target FoldTree2 size (target-features: 16 encoder
 * heads, hidden channels of three widths, K 40, D 128; decoders 2 layers of 5 heads, so h divides by 5).
 */
import type { ModelConfig } from './model-config';

export const MODEL_PRESETS = {
  tiny: {
    encoder: { hiddenChannels: [16, 16, 16], heads: 2, headHidden: 16, concatPositions: true, fourierInput: true, dropout: 0 },
    quantizer: { codes: 8, embeddingDim: 8, ema: true, decay: 0.99, epsilon: 1e-5, deadCodeReset: false, deadCodeThreshold: 0.01 },
    decoders: {
      sequence: { enabled: true, hidden: 16, layers: 1, heads: 2, feedForward: 32, dropout: 0 },
      geometry: { enabled: true, hidden: 16, layers: 1, heads: 2, feedForward: 32, dropout: 0 },
      contacts: { enabled: true, hidden: 16, convLayers: 2, pairHidden: 16, dropout: 0 },
      fft2: { enabled: false, hidden: 16 },
    },
  },
  teaching: {
    encoder: { hiddenChannels: [64, 64, 64], heads: 4, headHidden: 64, concatPositions: true, fourierInput: true, dropout: 0 },
    quantizer: { codes: 32, embeddingDim: 32, ema: true, decay: 0.99, epsilon: 1e-5, deadCodeReset: true, deadCodeThreshold: 0.01 },
    decoders: {
      sequence: { enabled: true, hidden: 64, layers: 2, heads: 4, feedForward: 128, dropout: 0 },
      geometry: { enabled: true, hidden: 64, layers: 2, heads: 4, feedForward: 128, dropout: 0 },
      contacts: { enabled: true, hidden: 64, convLayers: 3, pairHidden: 32, dropout: 0 },
      fft2: { enabled: false, hidden: 64 },
    },
  },
  foldtree2: {
    encoder: { hiddenChannels: [200, 200, 200], heads: 16, headHidden: 200, concatPositions: true, fourierInput: true, dropout: 0.01 },
    quantizer: { codes: 40, embeddingDim: 128, ema: true, decay: 0.99, epsilon: 1e-5, deadCodeReset: false, deadCodeThreshold: 0.01 },
    decoders: {
      sequence: { enabled: true, hidden: 200, layers: 2, heads: 5, feedForward: 2048, dropout: 0.001 },
      geometry: { enabled: true, hidden: 200, layers: 2, heads: 5, feedForward: 2048, dropout: 0.001 },
      contacts: { enabled: true, hidden: 200, convLayers: 3, pairHidden: 100, dropout: 0.001 },
      fft2: { enabled: false, hidden: 200 },
    },
  },
} as const satisfies Record<string, ModelConfig>;

export type ModelPresetName = keyof typeof MODEL_PRESETS;
