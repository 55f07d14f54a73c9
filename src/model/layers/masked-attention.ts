/**
 * Scaled dot-product attention over a mask, with its gradient written out, for both of the model's attentions: the
 * encoder's graph attention (edge terms, neighbour mask) and the decoders' self-attention (key-padding mask).
 *
 *   s = scale · (q kᵀ + qe ⊙ e)          qe = q·W_e per query and head, e the edge scalar per pair (graph only)
 *   α = softmax(s·m + (m − 1)·1e9) ⊙ m    m = 1 where query i may read key j; exp(−1e9 − max) is exactly 0 in
 *                                          float32, and the final ⊙ m zeroes a row with no allowed key
 *   α_d = α ⊙ d                          d: an inverted-dropout multiplier, or 1
 *   out = α_d v + (Σ_j α_d,ij e_ij) W_e   (the edge term: graph only)
 *
 * Written by hand instead of through tfjs's automatic differentiation, the backward keeps ONE [B, H, L, L] tensor
 * (α) from the forward instead of about ten, and runs about a third of the kernels: the attention maps are what
 * grows with L², so this sets the memory a long protein needs. Backward, with g = ∂/∂out:
 *   ∂α_d = g vᵀ + e ⊙ (g·W_eᵀ)      ∂α = ∂α_d ⊙ d ⊙ m      ∂s = α ⊙ (∂α − Σ_j α ∂α)
 *   ∂q = scale·∂s k    ∂k = scale·∂sᵀ q    ∂v = α_dᵀ g    ∂qe = scale·Σ_j ∂s ⊙ e    ∂W_e = Σ_{b,i} (Σ_j α_d e) g
 */
import * as tf from '@tensorflow/tfjs';

/** Added to the scores of keys a query may not read, before the softmax. */
export const MASKED_SCORE = 1e9;

/** The graph attention's edge terms. */
export interface AttentionEdges {
  /** [B, 1, L, L]: the edge scalar e_ij, zero off the graph. A constant: no gradient flows to it. */
  readonly values: tf.Tensor;
  /** [B, H, L, 1]: qe_i = q_i · W_e,h (differentiable). */
  readonly queryEdge: tf.Tensor;
  /** [1, H, 1, C]: W_e (differentiable). */
  readonly weight: tf.Tensor;
}

export interface MaskedAttentionOptions {
  /** Broadcastable to [B, H, L, L] (e.g. [B, 1, L, L] or [B, 1, 1, L]): 1 where query i may read key j. Constant. */
  readonly allowed: tf.Tensor;
  readonly scale: number;
  /** Inverted-dropout multiplier broadcastable to [B, H, L, L], or none. Constant. */
  readonly dropout?: tf.Tensor | undefined;
  readonly edges?: AttentionEdges | undefined;
}

/** Broadcast-reduces a gradient to `shape` (summing the axes that were broadcast). */
function reduceTo(gradient: tf.Tensor, shape: readonly number[]): tf.Tensor {
  const axes = shape.flatMap((d, axis) => (d === 1 && gradient.shape[axis] !== 1 ? [axis] : []));
  return axes.length === 0 ? gradient : tf.sum(gradient, axes, true);
}

/** What the backward reads, saved by the forward (tfjs keeps saved tensors alive; captured ones may be freed). */
interface Saved {
  readonly q: tf.Tensor;
  readonly k: tf.Tensor;
  readonly v: tf.Tensor;
  readonly alpha: tf.Tensor;
  readonly allowed: tf.Tensor;
  readonly dropout?: tf.Tensor | undefined;
  readonly edgeValues?: tf.Tensor | undefined;
  readonly edgeSum?: tf.Tensor | undefined;
  readonly edgeWeight?: tf.Tensor | undefined;
}

const SAVED_ORDER = ['q', 'k', 'v', 'alpha', 'allowed', 'dropout', 'edgeValues', 'edgeSum', 'edgeWeight'] as const;

/** The gradients of q, k, v (and, with edges, qe and W_e) from g = ∂/∂out. */
function backward(g: tf.Tensor, s: Saved, scale: number): tf.Tensor[] {
  const kept = s.dropout ? tf.mul(s.alpha, s.dropout) : s.alpha;
  let dKept = tf.matMul(g, s.v, false, true);
  if (s.edgeValues && s.edgeWeight)
    dKept = tf.add(dKept, tf.mul(tf.sum(tf.mul(g, s.edgeWeight), -1, true), s.edgeValues));
  const dAlpha = tf.mul(s.dropout ? tf.mul(dKept, s.dropout) : dKept, s.allowed);
  const dScores = tf.mul(tf.mul(s.alpha, tf.sub(dAlpha, tf.sum(tf.mul(s.alpha, dAlpha), -1, true))), scale);
  const grads = [tf.matMul(dScores, s.k), tf.matMul(dScores, s.q, true, false), tf.matMul(kept, g, true, false)];
  if (s.edgeValues && s.edgeSum && s.edgeWeight) {
    grads.push(tf.sum(tf.mul(dScores, s.edgeValues), -1, true));
    grads.push(reduceTo(tf.mul(s.edgeSum, g), s.edgeWeight.shape));
  }
  return grads;
}

/** q, k, v [B, H, L, C] → out [B, H, L, C] (formulas above). */
export function maskedAttention(
  q: tf.Tensor4D,
  k: tf.Tensor4D,
  v: tf.Tensor4D,
  options: MaskedAttentionOptions,
): tf.Tensor4D {
  const { allowed, scale, dropout, edges } = options;
  const attend = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const [query, key, value, queryEdge, edgeWeight] = args.slice(0, -1) as tf.Tensor[];
    if (!query || !key || !value) throw new Error('maskedAttention: missing q, k or v');
    let scores = tf.matMul(query, key, false, true);
    if (edges && queryEdge) scores = tf.add(scores, tf.mul(queryEdge, edges.values));
    scores = tf.mul(scores, scale);
    const masked = tf.add(tf.mul(scores, allowed), tf.mul(tf.sub(allowed, 1), MASKED_SCORE));
    const alpha = tf.mul(tf.softmax(masked, -1), allowed);
    const kept = dropout ? tf.mul(alpha, dropout) : alpha;
    let out = tf.matMul(kept, value);
    let edgeSum: tf.Tensor | undefined;
    if (edges && edgeWeight) {
      edgeSum = tf.sum(tf.mul(kept, edges.values), -1, true); // [B, H, L, 1]
      out = tf.add(out, tf.mul(edgeSum, edgeWeight));
    }
    const saved: Saved = {
      q: query,
      k: key,
      v: value,
      alpha,
      allowed,
      dropout,
      edgeValues: edges?.values,
      edgeSum,
      edgeWeight,
    };
    const present = SAVED_ORDER.filter((name) => saved[name] !== undefined);
    save(present.map((name) => saved[name] as tf.Tensor));
    return {
      value: out as tf.Tensor4D,
      // In a tidy of its own: tfjs frees a custom gradient's temporaries only when the whole backward pass ends, and
      // here they are [B, H, L, L] maps.
      gradFunc: (dy: tf.Tensor, tensors: tf.Tensor[]) =>
        tf.tidy(() =>
          backward(dy, Object.fromEntries(present.map((name, n) => [name, tensors[n]])) as unknown as Saved, scale),
        ),
    };
  });
  const out = edges ? attend(q, k, v, edges.queryEdge, edges.weight) : attend(q, k, v);
  return out as tf.Tensor4D;
}
