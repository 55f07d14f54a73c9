/**
 * Model presets. `tiny` is for tests (SwiftShader runs it in seconds), `teaching` is the studio's default (learns
 * visibly within minutes on a laptop GPU). `foldtree2` is exactly the model FoldTree2's `learn_lightning.py` (HEAD)
 * builds with hidden_size 200, embedding_dim 128, num_embeddings 40: 10 encoder heads (hard-coded there), learned
 * positions everywhere, decoders of 2 layers × 5 heads with PyTorch's feed-forward 2048, a distance head of width
 * h. `foldtree2-small` is the same architecture at hidden_size 40 (divisible by the decoders' 5 heads), small
 * enough to train in a browser and hand over to learn_lightning.py with `--hidden-size 40 --embedding-dim 32
 * --num-embeddings 32`. FoldTree2 cannot build `tiny` or `teaching` (4 and 2 decoder heads, raw position input).
 */
import type { ModelConfig } from './model-config';

const REF_POSITIONS = { concatPositions: true, learnPositions: false } as const;
const HEAD_POSITIONS = { concatPositions: false, learnPositions: true } as const;

export const MODEL_PRESETS = {
  tiny: {
    encoder: { hiddenChannels: [16, 16, 16], heads: 2, headHidden: 16, ...REF_POSITIONS, fourierInput: true, dropout: 0 },
    quantizer: { codes: 8, embeddingDim: 8, ema: true, decay: 0.99, epsilon: 1e-5, deadCodeReset: false, deadCodeThreshold: 0.01 },
    decoders: {
      sequence: { enabled: true, hidden: 16, layers: 1, heads: 2, feedForward: 32, dropout: 0, learnPositions: false },
      geometry: { enabled: true, hidden: 16, layers: 1, heads: 2, feedForward: 32, dropout: 0, learnPositions: false },
      contacts: { enabled: true, hidden: 16, convLayers: 2, pairHidden: 16, dropout: 0 },
      fft2: { enabled: false, hidden: 16 },
    },
  },
  teaching: {
    encoder: { hiddenChannels: [64, 64, 64], heads: 4, headHidden: 64, ...REF_POSITIONS, fourierInput: true, dropout: 0 },
    quantizer: { codes: 32, embeddingDim: 32, ema: true, decay: 0.99, epsilon: 1e-5, deadCodeReset: true, deadCodeThreshold: 0.01 },
    decoders: {
      sequence: { enabled: true, hidden: 64, layers: 2, heads: 4, feedForward: 128, dropout: 0, learnPositions: false },
      geometry: { enabled: true, hidden: 64, layers: 2, heads: 4, feedForward: 128, dropout: 0, learnPositions: false },
      contacts: { enabled: true, hidden: 64, convLayers: 3, pairHidden: 32, dropout: 0 },
      fft2: { enabled: false, hidden: 64 },
    },
  },
  foldtree2: {
    encoder: { hiddenChannels: [200, 200, 200], heads: 10, headHidden: 200, ...HEAD_POSITIONS, fourierInput: true, dropout: 0.01 },
    quantizer: { codes: 40, embeddingDim: 128, ema: true, decay: 0.99, epsilon: 1e-5, deadCodeReset: false, deadCodeThreshold: 0.01 },
    decoders: {
      sequence: { enabled: true, hidden: 200, layers: 2, heads: 5, feedForward: 2048, dropout: 0.001, learnPositions: true },
      geometry: { enabled: true, hidden: 200, layers: 2, heads: 5, feedForward: 2048, dropout: 0.001, learnPositions: true },
      contacts: { enabled: true, hidden: 200, convLayers: 3, pairHidden: 200, dropout: 0.001 },
      fft2: { enabled: false, hidden: 200 },
    },
  },
  'foldtree2-small': {
    encoder: { hiddenChannels: [40, 40, 40], heads: 10, headHidden: 40, ...HEAD_POSITIONS, fourierInput: true, dropout: 0.01 },
    quantizer: { codes: 32, embeddingDim: 32, ema: true, decay: 0.99, epsilon: 1e-5, deadCodeReset: false, deadCodeThreshold: 0.01 },
    decoders: {
      sequence: { enabled: true, hidden: 40, layers: 2, heads: 5, feedForward: 2048, dropout: 0.001, learnPositions: true },
      geometry: { enabled: true, hidden: 40, layers: 2, heads: 5, feedForward: 2048, dropout: 0.001, learnPositions: true },
      contacts: { enabled: true, hidden: 40, convLayers: 3, pairHidden: 40, dropout: 0.001 },
      fft2: { enabled: false, hidden: 40 },
    },
  },
} as const satisfies Record<string, ModelConfig>;

export type ModelPresetName = keyof typeof MODEL_PRESETS;
