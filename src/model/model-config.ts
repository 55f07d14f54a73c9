/**
 * Model hyper-parameters: one interface per part, one documented value per key in the presets
 * (`presets.ts`). The encoder's input width is not here: it is read from the dataset file.
 */

export interface EncoderConfig {
  /**
   * Widths of the graph-transformer stack, FoldTree2's `hidden_channels`: one layer per consecutive pair, so
   * [h, h, h] is two layers of width h. The input MLP maps to `hiddenChannels[0]`.
   */
  readonly hiddenChannels: readonly number[];
  /** Attention heads per graph layer; each head has the layer's full width and heads are averaged (PyG concat=False). */
  readonly heads: number;
  /** Width of the output head (FoldTree2's `encoder_hidden`). */
  readonly headHidden: number;
  /** Concatenate the raw 256-d position code to the normalised `res.x` (FoldTree2 REF). */
  readonly concatPositions: boolean;
  /**
   * Concatenate a learned 64-d code of the positions instead (FoldTree2 HEAD's `learn_positions`: Position_MLP
   * 256 → 256 ×3 → 64). Excludes `concatPositions`, as HEAD forces it off.
   */
  readonly learnPositions: boolean;
  /** Add the Fourier branch over [fourier1dr ‖ fourier1di] (FoldTree2's `fftin`). */
  readonly fourierInput: boolean;
  /** Dropout probability inside the encoder (training only). */
  readonly dropout: number;
}

export interface QuantizerConfig {
  /** K, the number of structural tokens. */
  readonly codes: number;
  /** D, the embedding width (the encoder's output width). */
  readonly embeddingDim: number;
  /** EMA codebook (true) or a codebook trained by gradient (false). */
  readonly ema: boolean;
  /** EMA decay of cluster sizes and sums. */
  readonly decay: number;
  /** Laplace smoothing of cluster sizes. */
  readonly epsilon: number;
  /** Re-draw codes whose EMA usage falls below `deadCodeThreshold` (counts per step). */
  readonly deadCodeReset: boolean;
  readonly deadCodeThreshold: number;
}

export interface TransformerDecoderConfig {
  readonly enabled: boolean;
  readonly hidden: number;
  readonly layers: number;
  readonly heads: number;
  /** Width of the feed-forward block (PyTorch's default 2048). */
  readonly feedForward: number;
  readonly dropout: number;
  /**
   * Input tokens ‖ a learned 32-d position code (FoldTree2 HEAD's `learn_positions`, Position_MLP 256 → 128 ×3 → 32)
   * instead of tokens ‖ the raw 256-d code (REF's `concat_positions`).
   */
  readonly learnPositions: boolean;
}

export interface ContactDecoderConfig {
  readonly enabled: boolean;
  readonly hidden: number;
  /** Conv1d layers (kernel 3) before the pair heads. */
  readonly convLayers: number;
  /**
   * Width P of the distance-bin pair MLP (widths P, P, P/2, then 8). FoldTree2's `edge_logits_mlp` has P = h.
   * The pair vector it reads is [z_i ‖ z_j ‖ pos_i ‖ pos_j], pos from this decoder's own Position_MLP (32).
   */
  readonly pairHidden: number;
  readonly dropout: number;
}

export interface Fft2DecoderConfig {
  readonly enabled: boolean;
  readonly hidden: number;
}

export interface DecoderConfigs {
  /** Amino-acid logits from the tokens. */
  readonly sequence: TransformerDecoderConfig;
  /** Secondary structure and torsion angles from the tokens. */
  readonly geometry: TransformerDecoderConfig;
  /** Contact probability and distance-bin logits for residue pairs. */
  readonly contacts: ContactDecoderConfig;
  /** FoldTree2's 2-D Fourier coefficients (1300 magnitudes + 1300 phases) per protein. */
  readonly fft2: Fft2DecoderConfig;
}

export interface ModelConfig {
  readonly encoder: EncoderConfig;
  readonly quantizer: QuantizerConfig;
  readonly decoders: DecoderConfigs;
}

export type DecoderName = keyof DecoderConfigs;
export const DECODER_NAMES = ['sequence', 'geometry', 'contacts', 'fft2'] as const satisfies readonly DecoderName[];
