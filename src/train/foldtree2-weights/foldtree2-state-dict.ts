/**
 * FoldTree2's `FoldTree2Model.state_dict()` written down from its module definitions (foldtree2-reference.md §2,
 * the commits in docs/foldtree2-weights.md), for the model learn_lightning.py (HEAD) builds: `encoder` =
 * mk1_Encoder(hidden_channels [h, h, h], nheads 10, edge_dim 1, fftin, learn_positions, EMA), `decoder` =
 * MultiMonoDecoder with sequence_transformer (CNN AA head), geometry_transformer (SS and torsion heads) and
 * geometry_cnn (edge logits), as `build_notebook_mono_configs` configures them. Written independently of the weight
 * rules, so a test can measure what an export fills. PyTorch layouts: Linear [out, in], Conv1d [out, in, k];
 * `nn.Sequential` numbers its parameter-free modules too. torch_geometric's TransformerConv and GraphNorm are
 * spelled out (lin_key/query/value/edge/skip; weight, bias, mean_scale). The same tree is built with real torch
 * modules in scripts/foldtree2/foldtree2_modules.py.
 */

export interface StateDictEntry {
  readonly key: string;
  /** PyTorch layout; [] for 0-d parameters. */
  readonly shape: readonly number[];
  readonly dtype: 'F32' | 'I64';
}

/** What learn_lightning.py takes from its arguments and data: F from `res.x`, the rest from the YAML. */
export interface Foldtree2Build {
  /** `res.x` columns F of the dataset (mk1: 857). */
  readonly inputWidth: number;
  /** `--hidden-size` h. */
  readonly hidden: number;
  /** `--embedding-dim` D. */
  readonly embeddingDim: number;
  /** `--num-embeddings` K. */
  readonly codes: number;
  /** `--use-geometry-transformer` (default on). */
  readonly geometryTransformer: boolean;
  /** `--use-geometry-cnn` (default on). */
  readonly geometryCnn: boolean;
}

/** learn_lightning.py's hard-coded encoder heads and the decoders' nn.TransformerEncoder sizes. */
export const FOLDTREE2_ENCODER_HEADS = 10;
export const FOLDTREE2_DECODER_HEADS = 5;
export const FOLDTREE2_DECODER_LAYERS = 2;
/** nn.TransformerEncoderLayer's default dim_feedforward (FoldTree2 does not set it). */
export const FOLDTREE2_FEED_FORWARD = 2048;

type Entries = StateDictEntry[];
const f32 = (key: string, ...shape: number[]): StateDictEntry => ({ key, shape, dtype: 'F32' });
const linear = (key: string, inDim: number, outDim: number, bias = true): Entries => [
  f32(`${key}.weight`, outDim, inDim),
  ...(bias ? [f32(`${key}.bias`, outDim)] : []),
];
const norm = (key: string, dim: number): Entries => [f32(`${key}.weight`, dim), f32(`${key}.bias`, dim)];
const conv = (key: string, inDim: number, outDim: number, k: number): Entries => [
  f32(`${key}.weight`, outDim, inDim, k),
  f32(`${key}.bias`, outDim),
];

/** Position_MLP(256, hidden, out): mlp = Sequential(LayerNorm, Dropout, Linear, ReLU, …, Linear, Tanh). */
function positionMlp(key: string, hidden: readonly number[], out: number): Entries {
  const widths = [256, ...hidden, out];
  return [
    ...norm(`${key}.mlp.0`, 256),
    ...widths.slice(1).flatMap((w, k) => linear(`${key}.mlp.${2 * k + 2}`, widths[k] ?? 0, w)),
  ];
}

function encoder(b: Foldtree2Build): Entries {
  const { inputWidth: F, hidden: h, embeddingDim: D, codes: K } = b;
  const H = FOLDTREE2_ENCODER_HEADS;
  const layer = (k: number): Entries => {
    const c = `encoder.body.convs.${k}.res_contactPoints_res`;
    return [
      ...linear(`${c}.lin_key`, h, H * h),
      ...linear(`${c}.lin_query`, h, H * h),
      ...linear(`${c}.lin_value`, h, H * h),
      ...linear(`${c}.lin_edge`, 1, H * h, false),
      ...linear(`${c}.lin_skip`, h, h),
    ];
  };
  const graphNorm = (k: number): Entries => [
    ...norm(`encoder.body.norms.${k}`, h),
    f32(`encoder.body.norms.${k}.mean_scale`, h),
  ];
  const vq = 'encoder.vector_quantizer';
  return [
    ...norm('encoder.input.ln', F),
    ...linear('encoder.input.inmlp.1', F + 64, 2 * h),
    ...linear('encoder.input.inmlp.3', 2 * h, h),
    ...norm('encoder.input.ffin.1', 160),
    ...linear('encoder.input.ffin.2', 160, 2 * h),
    ...linear('encoder.input.ffin.4', 2 * h, h),
    ...layer(0),
    ...layer(1),
    ...graphNorm(0),
    ...graphNorm(1),
    ...linear('encoder.head.lin.0', 2 * h, h),
    ...linear('encoder.head.lin.2', h, h),
    ...linear('encoder.head.out_dense.0', h + 20, h),
    ...linear('encoder.head.out_dense.2', h, h),
    ...linear('encoder.head.out_dense.4', h, D),
    ...positionMlp('encoder.position_mlp', [256, 256, 256], 64),
    f32(`${vq}.embeddings.weight`, K, D),
    f32(`${vq}.ema_w`, K, D),
    f32(`${vq}.ema_cluster_size`, K),
    { key: `${vq}.embedding_usage_count`, shape: [K], dtype: 'I64' },
    f32(`${vq}.running_prior`, K),
  ];
}

/** input.position_mlp, input.proj and the 2-layer nn.TransformerEncoder shared by both transformer decoders. */
function transformerDecoder(key: string, D: number, h: number): Entries {
  const layer = (k: number): Entries => {
    const l = `${key}.body.transformer_encoder.layers.${k}`;
    return [
      f32(`${l}.self_attn.in_proj_weight`, 3 * h, h),
      f32(`${l}.self_attn.in_proj_bias`, 3 * h),
      ...linear(`${l}.self_attn.out_proj`, h, h),
      ...linear(`${l}.linear1`, h, FOLDTREE2_FEED_FORWARD),
      ...linear(`${l}.linear2`, FOLDTREE2_FEED_FORWARD, h),
      ...norm(`${l}.norm1`, h),
      ...norm(`${l}.norm2`, h),
    ];
  };
  return [
    ...positionMlp(`${key}.input.position_mlp`, [128, 128, 128], 32),
    ...linear(`${key}.input.proj.0`, D + 32, h),
    ...linear(`${key}.input.proj.2`, h, h),
    ...Array.from({ length: FOLDTREE2_DECODER_LAYERS }, (_, k) => layer(k)).flat(),
  ];
}

function decoders(b: Foldtree2Build): Entries {
  const { hidden: h, embeddingDim: D } = b;
  const seq = 'decoder.decoders.sequence_transformer';
  const geo = 'decoder.decoders.geometry_transformer';
  const cnn = 'decoder.decoders.geometry_cnn';
  const sequence = [
    ...transformerDecoder(seq, D, h),
    ...norm(`${seq}.head.prenorm`, h),
    ...conv(`${seq}.head.cnn_decoder.0`, h, h, 3),
    ...conv(`${seq}.head.cnn_decoder.2`, h, h, 3),
    ...conv(`${seq}.head.cnn_decoder.4`, h, h, 3),
    ...conv(`${seq}.head.cnn_decoder.6`, h, 20, 1),
  ];
  const geometry = [
    ...transformerDecoder(geo, D, h),
    ...norm(`${geo}.head.ss_head.0`, h),
    ...[1, 3, 5].flatMap((k) => linear(`${geo}.head.ss_head.${k}`, h, h)),
    ...linear(`${geo}.head.ss_head.7`, h, 3),
    ...[0, 2, 4].flatMap((k) => linear(`${geo}.head.angles_head.${k}`, h, h)),
    ...linear(`${geo}.head.angles_head.6`, h, 6),
  ];
  const channels = [2 * h, 2 * h, h, h];
  const half = Math.floor(h / 2);
  const geometryCnn = [
    ...linear(`${cnn}.input.input_lin.0`, D, 2 * h),
    ...linear(`${cnn}.input.input_lin.2`, 2 * h, 2 * h),
    ...[0, 1, 2].flatMap((k) => conv(`${cnn}.body.convs.${k}`, channels[k] ?? 0, channels[k + 1] ?? 0, 3)),
    ...[0, 1, 2].flatMap((k) => norm(`${cnn}.body.norms.${k}`, channels[k + 1] ?? 0)),
    ...linear(`${cnn}.body.lin.0`, h, h),
    ...linear(`${cnn}.body.lin.2`, h, h),
    ...linear(`${cnn}.body.lin.4`, h, h),
    f32(`${cnn}.contact_temp`),
    f32(`${cnn}.contact_bias`),
    ...norm(`${cnn}.head.edge_logits_mlp.0`, 2 * h + 64),
    ...linear(`${cnn}.head.edge_logits_mlp.1`, 2 * h + 64, h),
    ...linear(`${cnn}.head.edge_logits_mlp.3`, h, h),
    ...linear(`${cnn}.head.edge_logits_mlp.5`, h, half),
    ...linear(`${cnn}.head.edge_logits_mlp.7`, half, 8),
    ...positionMlp(`${cnn}.head.position_mlp`, [128, 128, 128], 32),
  ];
  return [...sequence, ...(b.geometryTransformer ? geometry : []), ...(b.geometryCnn ? geometryCnn : [])];
}

/** Every tensor of the state_dict, keyed as FoldTree2Model's (`encoder.…`, `decoder.decoders.<task>.…`). */
export function foldtree2StateDict(build: Foldtree2Build): StateDictEntry[] {
  return [...encoder(build), ...decoders(build)];
}
