/**
 * The tensors of FoldTree2's `FoldTree2Model.state_dict()` that no studio parameter fills, for the model
 * learn_lightning.py builds by default (sequence_transformer with the CNN AA head, geometry_transformer with SS and
 * torsion heads, geometry_cnn with edge logits; every `learn_positions` on). FoldTree2 keeps its own initialisation
 * for these after `load_state_dict(strict=False)`; an import lists them in `ignored`.
 *
 * Position_MLP (foldtree2/src/layers.py) is Sequential(LayerNorm, Dropout, Linear, ReLU, [Linear, ReLU]…, Linear,
 * Tanh) under `.mlp`, so its Linear layers sit at indices 2, 4, 6, … .
 */
import { FT2_CONTACTS, FT2_ENCODER, FT2_GEOMETRY, FT2_SEQUENCE } from './rule-builders';

export interface Foldtree2OnlyTensor {
  readonly key: string;
  /** PyTorch layout. */
  readonly shape: readonly number[];
  /** float32, or int64 for FoldTree2's usage counter buffer. */
  readonly dtype: 'F32' | 'I64';
  readonly note: string;
}

/** The widths FoldTree2 is built with (learn_lightning.py: `--hidden-size`, `--embedding-dim`, `--num-embeddings`). */
export interface Foldtree2Widths {
  /** `res.x` columns F. */
  readonly inputWidth: number;
  /** hidden_size h (encoder and every decoder). */
  readonly hidden: number;
  /** embedding_dim D. */
  readonly embeddingDim: number;
  /** num_embeddings K. */
  readonly codes: number;
  /** `--EMA`: VectorQuantizerEMA's statistics. */
  readonly ema: boolean;
}

function linear(key: string, inDim: number, outDim: number, note: string): Foldtree2OnlyTensor[] {
  return [
    { key: `${key}.weight`, shape: [outDim, inDim], dtype: 'F32', note },
    { key: `${key}.bias`, shape: [outDim], dtype: 'F32', note },
  ];
}

function positionMlp(prefix: string, hidden: readonly number[], out: number): Foldtree2OnlyTensor[] {
  const widths = [256, ...hidden, out];
  const note = `Position_MLP 256 → ${hidden.join(' → ')} → ${out}`;
  const normNote = `LayerNorm(256) opening the ${note}`;
  return [
    { key: `${prefix}.mlp.0.weight`, shape: [256], dtype: 'F32', note: normNote },
    { key: `${prefix}.mlp.0.bias`, shape: [256], dtype: 'F32', note: normNote },
    ...widths.slice(1).flatMap((width, k) => linear(`${prefix}.mlp.${2 * k + 2}`, widths[k] ?? 0, width, note)),
  ];
}

export function foldtree2OnlyTensors(widths: Foldtree2Widths): Foldtree2OnlyTensor[] {
  const { inputWidth: F, hidden: h, embeddingDim: D, codes: K } = widths;
  const quantizer = `${FT2_ENCODER}.vector_quantizer`;
  return [
    ...positionMlp(`${FT2_ENCODER}.position_mlp`, [256, 256, 256], 64),
    ...linear(`${FT2_ENCODER}.input.inmlp.1`, F + 64, 2 * h, 'input Linear over res ‖ learned positions (ours: studio.encoder.input.mlp.0)'),
    ...(widths.ema
      ? [
          { key: `${quantizer}.ema_w`, shape: [K, D], dtype: 'F32' as const, note: 'EMA sums (an nn.Parameter without gradient)' },
          { key: `${quantizer}.ema_cluster_size`, shape: [K], dtype: 'F32' as const, note: 'EMA cluster sizes (buffer)' },
          { key: `${quantizer}.embedding_usage_count`, shape: [K], dtype: 'I64' as const, note: 'cumulative hard counts (buffer)' },
          { key: `${quantizer}.running_prior`, shape: [K], dtype: 'F32' as const, note: 'running code-usage prior (buffer)' },
        ]
      : []),
    ...positionMlp(`${FT2_SEQUENCE}.input.position_mlp`, [128, 128, 128], 32),
    ...linear(`${FT2_SEQUENCE}.input.proj.0`, D + 32, h, 'input Linear over tokens ‖ learned positions (ours: studio.decoder.sequence.input.0)'),
    { key: `${FT2_SEQUENCE}.head.cnn_decoder.4.weight`, shape: [h, h, 3], dtype: 'F32', note: 'third k3 conv of the AA head' },
    { key: `${FT2_SEQUENCE}.head.cnn_decoder.4.bias`, shape: [h], dtype: 'F32', note: 'third k3 conv of the AA head' },
    ...positionMlp(`${FT2_GEOMETRY}.input.position_mlp`, [128, 128, 128], 32),
    ...linear(`${FT2_GEOMETRY}.input.proj.0`, D + 32, h, 'input Linear over tokens ‖ learned positions (ours: studio.decoder.geometry.input.0)'),
    { key: `${FT2_CONTACTS}.head.edge_logits_mlp.0.weight`, shape: [2 * h + 64], dtype: 'F32', note: 'pair LayerNorm of the distance head' },
    { key: `${FT2_CONTACTS}.head.edge_logits_mlp.0.bias`, shape: [2 * h + 64], dtype: 'F32', note: 'pair LayerNorm of the distance head' },
    ...linear(`${FT2_CONTACTS}.head.edge_logits_mlp.1`, 2 * h + 64, h, 'distance head'),
    ...linear(`${FT2_CONTACTS}.head.edge_logits_mlp.3`, h, h, 'distance head'),
    ...linear(`${FT2_CONTACTS}.head.edge_logits_mlp.5`, h, Math.floor(h / 2), 'distance head'),
    ...linear(`${FT2_CONTACTS}.head.edge_logits_mlp.7`, Math.floor(h / 2), 8, 'distance head, 8 bins (then Sigmoid)'),
    ...positionMlp(`${FT2_CONTACTS}.head.position_mlp`, [128, 128, 128], 32),
  ];
}
