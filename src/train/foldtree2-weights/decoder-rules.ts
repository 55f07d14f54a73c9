/**
 * Decoder rules. FoldTree2 side: `MultiMonoDecoder.decoders` (foldtree2/src/mono_decoders.py) as learn_lightning.py's
 * `build_notebook_mono_configs` builds it, held as `FoldTree2Model.decoder`:
 *   sequence_transformer  Transformer_AA_Decoder: input.position_mlp (256 → 128 ×3 → 32),
 *                         input.proj = Sequential(Linear, GELU, Linear, GELU),
 *                         body.transformer_encoder = nn.TransformerEncoder(layers), head.prenorm, head.cnn_decoder =
 *                         Sequential(Conv1d k3, GELU, Conv1d k3, GELU, Conv1d k3, GELU, Conv1d k1 → 20)
 *   geometry_transformer  Transformer_Geometry_Decoder: input.proj (… GELU, Tanh), the same body, head.ss_head =
 *                         Sequential(LayerNorm, 4 × Linear with GELU between), head.angles_head = 4 × Linear (→ 6)
 *   geometry_cnn          CNN_geo_Decoder: input.input_lin, body.convs / body.norms / body.lin, contact_temp and
 *                         contact_bias (0-d, on the decoder itself), head.edge_logits_mlp, head.position_mlp
 */
import {
  alike,
  conv,
  FT2_CONTACTS,
  FT2_GEOMETRY,
  FT2_SEQUENCE,
  linear,
  norm,
  outputs,
  positionMlp,
  sequential,
  studioOnly,
  type ShapeCondition,
  type WeightRule,
} from './rule-builders';

const packedQkv: ShapeCondition = {
  describe: '[3h, h] (q, k, v row blocks)',
  holds: (shape) => shape[0] === 3 * (shape[1] ?? 0),
};
const packedBias: ShapeCondition = { describe: '[3h]', holds: (shape) => (shape[0] ?? 0) % 3 === 0 };

/** The input path and `layers` × nn.TransformerEncoderLayer shared by the two transformer decoders. */
function transformerRules(studio: string, foldtree2: string): WeightRule[] {
  const layer = `${studio}.body.layers.{k}`;
  const torch = `${foldtree2}.body.transformer_encoder.layers.{k}`;
  return [
    ...positionMlp(
      `${studio}.input.positions`,
      `${foldtree2}.input.position_mlp`,
      'learned position code 256 → 128 → 128 → 128 → 32',
    ),
    ...sequential(linear, `${studio}.input`, `${foldtree2}.input.proj`, 0, [
      'first input Linear over [tokens ‖ learned positions] (D + 32 → h)',
      'second input Linear h → h',
    ]),
    {
      studio: `${layer}.selfAttention.inProjection.weight`,
      foldtree2: `${torch}.self_attn.in_proj_weight`,
      layout: 'transpose',
      shape: packedQkv,
      note: "packed q|k|v projection: our column blocks [0,h) q, [h,2h) k, [2h,3h) v are PyTorch's row blocks",
    },
    {
      studio: `${layer}.selfAttention.inProjection.bias`,
      foldtree2: `${torch}.self_attn.in_proj_bias`,
      layout: 'identity',
      shape: packedBias,
      note: 'packed q|k|v bias (the k third cancels in the softmax)',
    },
    ...linear(`${layer}.selfAttention.outProjection`, `${torch}.self_attn.out_proj`, 'attention output projection'),
    ...linear(`${layer}.linear1`, `${torch}.linear1`, 'feed-forward h → F (ReLU)'),
    ...linear(`${layer}.linear2`, `${torch}.linear2`, 'feed-forward F → h'),
    ...norm(`${layer}.norm1`, `${torch}.norm1`, 'post-attention LayerNorm (ε 1e-5)'),
    ...norm(`${layer}.norm2`, `${torch}.norm2`, 'post-feed-forward LayerNorm (ε 1e-5)'),
  ];
}

const pointwiseToAminoAcids: ShapeCondition = {
  describe: '[20, h, 1]',
  holds: (shape) => shape[0] === 20 && shape[2] === 1,
};

export const DECODER_RULES: readonly WeightRule[] = [
  ...transformerRules('decoder.sequence', FT2_SEQUENCE),
  ...norm('decoder.sequence.head.norm', `${FT2_SEQUENCE}.head.prenorm`, 'LayerNorm before the CNN head (ε 1e-6)'),
  ...sequential(
    conv,
    'decoder.sequence.head.conv',
    `${FT2_SEQUENCE}.head.cnn_decoder`,
    0,
    [
      'first k3 conv of the AA head',
      'second k3 conv of the AA head',
      'third k3 conv of the AA head',
      'k1 conv to the 20 AA logits',
    ],
    pointwiseToAminoAcids,
  ),

  ...transformerRules('decoder.geometry', FT2_GEOMETRY),
  ...norm('decoder.geometry.head.ss.norm', `${FT2_GEOMETRY}.head.ss_head.0`, 'LayerNorm of the SS head (ε 1e-6)'),
  ...sequential(
    linear,
    'decoder.geometry.head.ss.mlp',
    `${FT2_GEOMETRY}.head.ss_head`,
    1,
    [...alike(3, 'SS head Linear h → h'), 'SS logits [loop, helix, strand]'],
    outputs(3),
  ),
  ...sequential(
    linear,
    'decoder.geometry.head.angles',
    `${FT2_GEOMETRY}.head.angles_head`,
    0,
    [
      ...alike(3, 'torsion head Linear h → h'),
      '[sin φ, cos φ, sin ψ, cos ψ, sin ω, cos ω], each pair normalised, then atan2',
    ],
    outputs(6),
  ),

  ...sequential(linear, 'decoder.contacts.input', `${FT2_CONTACTS}.input.input_lin`, 0, [
    'input Linear D → 2h (no position input on either side)',
    'input Linear 2h → 2h',
  ]),
  ...conv(
    'decoder.contacts.body.convs.{k}',
    `${FT2_CONTACTS}.body.convs.{k}`,
    'k3 conv, channels [2h, h, h, …] (then SiLU)',
  ),
  ...norm('decoder.contacts.body.norms.{k}', `${FT2_CONTACTS}.body.norms.{k}`, 'LayerNorm after each conv (ε 1e-6)'),
  ...sequential(linear, 'decoder.contacts.body.lin', `${FT2_CONTACTS}.body.lin`, 0, [
    'latent Linear → h',
    'latent Linear h → h',
    'latent Linear h → h, gives z',
  ]),
  {
    studio: 'decoder.contacts.head.temperature',
    foldtree2: `${FT2_CONTACTS}.contact_temp`,
    layout: 'scalar',
    note: 'τ of sigmoid(τ·⟨ẑ_i, ẑ_j⟩ + b); FoldTree2 keeps it 0-d',
  },
  {
    studio: 'decoder.contacts.head.bias',
    foldtree2: `${FT2_CONTACTS}.contact_bias`,
    layout: 'scalar',
    note: 'b of the contact probability; 0-d in FoldTree2',
  },
  ...positionMlp(
    'decoder.contacts.head.positions',
    `${FT2_CONTACTS}.head.position_mlp`,
    "the distance head's position code 256 → 128 → 128 → 128 → 32",
  ),
  ...norm(
    'decoder.contacts.head.distanceNorm',
    `${FT2_CONTACTS}.head.edge_logits_mlp.0`,
    'LayerNorm over the pair vector [z_i ‖ z_j ‖ pos_i ‖ pos_j] (2(h + 32), ε 1e-6)',
  ),
  ...sequential(
    linear,
    'decoder.contacts.head.distance',
    `${FT2_CONTACTS}.head.edge_logits_mlp`,
    1,
    [
      'distance head Linear 2(h + 32) → P (P = h)',
      'distance head Linear P → P',
      'distance head Linear P → P/2',
      'distance head Linear P/2 → 8 bins; ours returns real logits, FoldTree2 applies a Sigmoid after it (a fix we keep: same shapes)',
    ],
    outputs(8),
  ),

  ...studioOnly(
    'decoder.fft2.head.{k}.{p}',
    "FFT2 head over the mean token; FoldTree2's geometry_cnn head.godnodedecoder reads the constant 5-wide godnode and keeps its own initialisation",
  ),
];
