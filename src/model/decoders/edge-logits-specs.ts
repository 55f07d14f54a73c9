/**
 * The parameters of the `contacts` decoder's distance-bin head, FoldTree2's `edge_logits_mlp` (the head itself runs
 * on the scored pairs: contact-heads.ts). Pair (i, j) reads v_ij = [z_i ‖ z_j ‖ pos_i ‖ pos_j] (z the decoder
 * latent of width h, pos its own Position_MLP code of width 32), then
 *
 *   LayerNorm(2(h + 32), ε 1e-6) → Linear(→ P) → GELU → Linear(P → P) → GELU → Linear(P → P/2) → GELU → Linear(→ 8)
 *
 * with REAL logits at the end: FoldTree2 ends in a Sigmoid and feeds (0, 1) values to the cross-entropy, which
 * bounds its logit loss from below (reference §7.12); dropping it is our fix and changes no shape.
 */
import { layerNormSpecs } from '../layers/layer-norm-specs';
import { linearSpecs } from '../layers/linear-specs';
import type { ParameterSpec } from '../params/parameter-spec';

export const EDGE_LOGIT_BINS = 8;
/** ε of the pair LayerNorm (FoldTree2's edge_logits_mlp.0). */
export const EDGE_NORM_EPS = 1e-6;

/** The pair MLP's widths after the LayerNorm: P, P, P/2, 8. */
export function edgeLogitWidths(pairHidden: number): number[] {
  return [pairHidden, pairHidden, Math.floor(pairHidden / 2), EDGE_LOGIT_BINS];
}

/** `<prefix>.distanceNorm` over 2(h + c) and `<prefix>.distance.{0,1,2,3}`; c = the position code's width. */
export function edgeLogitSpecs(prefix: string, hidden: number, codeWidth: number, pairHidden: number): ParameterSpec[] {
  if (pairHidden < 2)
    throw new Error(
      `${prefix}: the distance head's width ${pairHidden} must be at least 2 (its third layer has width P/2)`,
    );
  const pairWidth = 2 * (hidden + codeWidth);
  const widths = [pairWidth, ...edgeLogitWidths(pairHidden)];
  return [
    ...layerNormSpecs(`${prefix}.distanceNorm`, pairWidth),
    ...widths.slice(1).flatMap((out, k) => linearSpecs(`${prefix}.distance.${k}`, widths[k] ?? 0, out)),
  ];
}

/** Linear layers after the LayerNorm (`<prefix>.distance.0` … `.3`). */
export const EDGE_LOGIT_LAYERS = 4;
