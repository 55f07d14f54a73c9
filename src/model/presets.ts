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

/**
 * The studio's own presets feed raw positions to the encoder and train without dropout; FoldTree2's learn positions
 * everywhere and use its dropouts.
 */
const FAMILIES = {
  studio: { concatPositions: true, learnPositions: false, encoderDropout: 0, decoderDropout: 0 },
  foldtree2: { concatPositions: false, learnPositions: true, encoderDropout: 0.01, decoderDropout: 0.001 },
} as const;

/** What tells the presets apart; every width is `width`. */
interface PresetSizes {
  readonly width: number;
  readonly encoderHeads: number;
  readonly codes: number;
  readonly embeddingDim: number;
  readonly deadCodeReset: boolean;
  readonly decoderLayers: number;
  readonly decoderHeads: number;
  readonly feedForward: number;
  readonly convLayers: number;
  readonly pairHidden: number;
}

/** A preset: three encoder layers of the same width. */
type Preset = ModelConfig & { readonly encoder: { readonly hiddenChannels: readonly [number, number, number] } };

function preset(family: keyof typeof FAMILIES, s: PresetSizes): Preset {
  const f = FAMILIES[family];
  const w = s.width;
  // The sequence and geometry decoders are the same transformer stack.
  const transformer = {
    enabled: true,
    hidden: w,
    layers: s.decoderLayers,
    heads: s.decoderHeads,
    feedForward: s.feedForward,
    dropout: f.decoderDropout,
    learnPositions: f.learnPositions,
  };
  return {
    encoder: {
      hiddenChannels: [w, w, w],
      heads: s.encoderHeads,
      headHidden: w,
      concatPositions: f.concatPositions,
      learnPositions: f.learnPositions,
      fourierInput: true,
      dropout: f.encoderDropout,
    },
    quantizer: {
      codes: s.codes,
      embeddingDim: s.embeddingDim,
      ema: true,
      decay: 0.99,
      epsilon: 1e-5,
      deadCodeReset: s.deadCodeReset,
      deadCodeThreshold: 0.01,
    },
    decoders: {
      sequence: transformer,
      geometry: { ...transformer },
      contacts: {
        enabled: true,
        hidden: w,
        convLayers: s.convLayers,
        pairHidden: s.pairHidden,
        dropout: f.decoderDropout,
      },
      fft2: { enabled: false, hidden: w },
    },
  };
}

export const MODEL_PRESETS = {
  tiny: preset('studio', {
    width: 16,
    encoderHeads: 2,
    codes: 8,
    embeddingDim: 8,
    deadCodeReset: false,
    decoderLayers: 1,
    decoderHeads: 2,
    feedForward: 32,
    convLayers: 2,
    pairHidden: 16,
  }),
  teaching: preset('studio', {
    width: 64,
    encoderHeads: 4,
    codes: 32,
    embeddingDim: 32,
    deadCodeReset: true,
    decoderLayers: 2,
    decoderHeads: 4,
    feedForward: 128,
    convLayers: 3,
    pairHidden: 32,
  }),
  foldtree2: preset('foldtree2', {
    width: 200,
    encoderHeads: 10,
    codes: 40,
    embeddingDim: 128,
    deadCodeReset: false,
    decoderLayers: 2,
    decoderHeads: 5,
    feedForward: 2048,
    convLayers: 3,
    pairHidden: 200,
  }),
  'foldtree2-small': preset('foldtree2', {
    width: 40,
    encoderHeads: 10,
    codes: 32,
    embeddingDim: 32,
    deadCodeReset: false,
    decoderLayers: 2,
    decoderHeads: 5,
    feedForward: 2048,
    convLayers: 3,
    pairHidden: 40,
  }),
} as const satisfies Record<string, ModelConfig>;

export type ModelPresetName = keyof typeof MODEL_PRESETS;
