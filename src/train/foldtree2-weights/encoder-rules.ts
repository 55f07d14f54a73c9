/**
 * Encoder and quantizer rules. FoldTree2 side: `mk1_Encoder` (foldtree2/src/encoder.py) as learn_lightning.py
 * builds it (flavor 'transformer', nheads 10, edge_dim 1, fftin, learn_positions), held as `FoldTree2Model.encoder`:
 *   position_mlp (Position_MLP 256 → 256 ×3 → 64),
 *   input.ln, input.inmlp = Sequential(Dropout, Linear, GELU, Linear, GELU), input.ffin = Sequential(Dropout,
 *   LayerNorm, Linear, GELU, Linear, GELU), body.convs[k] = ModuleDict{'res_contactPoints_res': TransformerConv},
 *   body.norms[k] = GraphNorm, head.lin = Sequential(Linear, GELU, Linear, GELU), head.out_dense =
 *   Sequential(Linear, GELU, Linear, GELU, Linear, Tanh), vector_quantizer.embeddings = nn.Embedding(K, D).
 * Sequential indices count the parameter-free modules, hence inmlp.3, ffin.4, lin.2, out_dense.4. The EMA
 * statistics (`ema_w`, `ema_cluster_size`, `running_prior`) are not parameters here: ema-buffers.ts writes them.
 */
import {
  FT2_CONTACT_EDGE_TYPE,
  FT2_ENCODER,
  linear,
  norm,
  positionMlp,
  sequential,
  type ShapeCondition,
  type WeightRule,
} from './rule-builders';

const conv = `${FT2_ENCODER}.body.convs.{k}.${FT2_CONTACT_EDGE_TYPE}`;
const edgeDimOne: ShapeCondition = { describe: '[H·C, 1] (edge_dim 1)', holds: (shape) => shape[1] === 1 };

export const ENCODER_RULES: readonly WeightRule[] = [
  ...positionMlp(
    'encoder.positions',
    `${FT2_ENCODER}.position_mlp`,
    'learned position code 256 → 256 → 256 → 256 → 64',
  ),
  ...norm('encoder.input.norm', `${FT2_ENCODER}.input.ln`, 'LayerNorm over the F res.x columns (ε 1e-6 on both sides)'),
  ...sequential(linear, 'encoder.input.mlp', `${FT2_ENCODER}.input.inmlp`, 1, [
    'first input Linear over [LayerNorm(res) ‖ learned positions] (F + 64 → 2h)',
    'second input Linear (2h → h)',
  ]),
  ...norm(
    'encoder.input.fourier.norm',
    `${FT2_ENCODER}.input.ffin.1`,
    'LayerNorm over [fourier1dr ‖ fourier1di] (160)',
  ),
  ...sequential(linear, 'encoder.input.fourier.mlp', `${FT2_ENCODER}.input.ffin`, 2, [
    'Fourier branch Linear 160 → 2h',
    'Fourier branch Linear 2h → h',
  ]),
  ...linear(
    'encoder.body.layer{k}.attention.query',
    `${conv}.lin_query`,
    'TransformerConv query projection, heads × C columns, head-major',
  ),
  ...linear(
    'encoder.body.layer{k}.attention.key',
    `${conv}.lin_key`,
    'TransformerConv key projection (its bias cancels in the softmax; carried as is)',
  ),
  ...linear('encoder.body.layer{k}.attention.value', `${conv}.lin_value`, 'TransformerConv value projection'),
  {
    studio: 'encoder.body.layer{k}.attention.edge.weight',
    foldtree2: `${conv}.lin_edge.weight`,
    layout: 'edge-scale',
    shape: edgeDimOne,
    note: "TransformerConv lin_edge (no bias), ÷ 20: FoldTree2's edge_attr is 2·d Å, ours d / 10 Å; the exact value also travels as studio.<name>",
  },
  ...linear(
    'encoder.body.layer{k}.attention.skip',
    `${conv}.lin_skip`,
    'TransformerConv root weight (root_weight=True, concat=False: C outputs)',
  ),
  {
    studio: 'encoder.body.layer{k}.norm.weight',
    foldtree2: `${FT2_ENCODER}.body.norms.{k}.weight`,
    layout: 'identity',
    note: 'GraphNorm γ (ours per protein, FoldTree2 over the whole batch)',
  },
  {
    studio: 'encoder.body.layer{k}.norm.bias',
    foldtree2: `${FT2_ENCODER}.body.norms.{k}.bias`,
    layout: 'identity',
    note: 'GraphNorm β',
  },
  {
    studio: 'encoder.body.layer{k}.norm.mean_scale',
    foldtree2: `${FT2_ENCODER}.body.norms.{k}.mean_scale`,
    layout: 'identity',
    note: 'GraphNorm α, the learned fraction of the mean subtracted',
  },
  ...sequential(linear, 'encoder.head.mlp', `${FT2_ENCODER}.head.lin`, 0, [
    'head Linear over the concatenated layer outputs (JumpingKnowledge cat)',
    'head Linear e → e',
  ]),
  ...sequential(linear, 'encoder.head.out', `${FT2_ENCODER}.head.out_dense`, 0, [
    'output Linear over [head ‖ AA one-hot (20)]',
    'output Linear e → e',
    'output Linear e → D (then Tanh)',
  ]),
  {
    studio: 'quantizer.codebook',
    foldtree2: `${FT2_ENCODER}.vector_quantizer.embeddings.weight`,
    layout: 'identity',
    rank: 2,
    note: 'codebook [K, D], row k = token k (nn.Embedding keeps [num_embeddings, dim])',
  },
];
