/**
 * One PyG `TransformerConv(in, out, heads=H, concat=False, beta=False, root_weight=True, edge_dim=1)` layer,
 * computed densely per protein on padded [B, L, ·] tensors instead of over an edge list (see
 * docs/architecture.md: gather/segment-sum message passing is unusably slow on WebGPU, batched matMul is not).
 *
 * For target residue i, neighbour j (`neighbours[b, i, j] = 1`), edge scalar e_ij and head h (width C = out):
 *   k'_j = k_j + e_ij·W_e,h        score_h(i, j) = q_i · k'_j / √C
 *   α_h(i, ·) = softmax over the neighbours of i   (no neighbours → α = 0, the residue aggregates nothing)
 *   out_i = mean_h Σ_j α_h(i, j) (v_j + e_ij·W_e,h) + x_i W_skip + b_skip
 * The edge terms are expanded so that no [B, H, L, L, C] tensor exists: q_i·(k_j + e_ij W_e) = q_i·k_j + e_ij (q_i·W_e),
 * and Σ_j α_ij (v_j + e_ij W_e) = α v + (Σ_j α_ij e_ij) W_e.
 */
import * as tf from '@tensorflow/tfjs';
import { linear } from '../layers/linear';
import type { ParameterSet } from '../params/parameter-set';
import { maskedAttention } from '../layers/masked-attention';
import { seededDropoutMultiplier, type DropoutKey } from './encoder-dropout';

/** The contact graph of a padded batch, as in ModelInputs. */
export interface AttentionGraph {
  /** [B, L, L] float32: 1 where j sends to i (a contact neighbour), else 0; never 1 for a padding residue. */
  readonly neighbours: tf.Tensor3D;
  /** [B, L, L] float32: the edge scalar e_ij (contact distance / 10 Å); read only where `neighbours` is 1. */
  readonly edgeFeature: tf.Tensor3D;
}

/** Attention dropout (PyG's `dropout`, applied to the normalised weights α); off unless `training`. */
export interface AttentionDropout {
  readonly rate: number;
  readonly training: boolean;
  readonly key: DropoutKey;
  readonly site: number;
}

/**
 * x [B, L, in] → [B, L, out] float32. Heads and widths are read from the parameters. Rows of padding residues hold
 * their skip term (they have no neighbours); the caller masks them. Values of non-neighbour pairs and of padding
 * residues cannot reach real residues' outputs or any gradient.
 */
export function graphAttention(
  params: ParameterSet,
  name: string,
  x: tf.Tensor3D,
  graph: AttentionGraph,
  dropout?: AttentionDropout,
): tf.Tensor3D {
  const [B, L] = x.shape;
  const outDim = params.get(`${name}.skip.weight`).shape[1] ?? 0;
  const heads = (params.get(`${name}.query.weight`).shape[1] ?? 0) / outDim;
  // [B, L, H·C] → [B, H, L, C]: heads become batch entries of the matMuls.
  const byHead = (t: tf.Tensor): tf.Tensor4D => tf.transpose(tf.reshape(t, [B, L, heads, outDim]), [0, 2, 1, 3]);
  const query = byHead(linear(params, `${name}.query`, x));
  // The key bias adds q_i·b to every score of row i, which the softmax ignores: its exact gradient is zero.
  // It stays a parameter (PyG's lin_key has it, exports carry it) but is left out of the scores, so no rounding
  // noise reaches it — Adam would turn that noise into real updates, and data-parallel runs would drift.
  const keyNoBias = tf.add(
    tf.matMul(tf.reshape(x, [-1, x.shape[2]]), params.get(`${name}.key.weight`)),
    tf.mul(params.get(`${name}.key.bias`), 0),
  );
  const key = byHead(keyNoBias);
  const value = byHead(linear(params, `${name}.value`, x));
  const edgeWeight = tf.reshape(params.get(`${name}.edge.weight`), [1, heads, 1, outDim]);

  const mask = tf.expandDims(graph.neighbours, 1); // [B, 1, L, L]
  const edge = tf.mul(tf.expandDims(graph.edgeFeature, 1), mask); // e_ij, zero off the graph
  const queryEdge = tf.sum(tf.mul(query, edgeWeight), 3, true); // q_i·W_e,h [B, H, L, 1]
  const dropoutMultiplier = dropout
    ? seededDropoutMultiplier([B, heads, L, L], dropout.rate, dropout.training, dropout.key, dropout.site)
    : undefined;
  const messages = maskedAttention(query, key, value, {
    allowed: mask,
    scale: 1 / Math.sqrt(outDim),
    dropout: dropoutMultiplier,
    edges: { values: edge, queryEdge, weight: edgeWeight },
  });
  return tf.add(tf.mean(messages, 1), linear(params, `${name}.skip`, x)) as tf.Tensor3D;
}
