/**
 * Loss names, weights and options, declared once. The default weights are FoldTree2's REF set (commit 1ec7741,
 * hard-coded in both training scripts; foldtree2-reference.md §3), which the target feature list adopts.
 */

/** Every loss term, in the order FoldTree2 sums them. FoldTree2 calls `aminoAcid` "x" and `logit` the distogram. */
export const LOSS_NAMES = ['aminoAcid', 'edge', 'logit', 'angles', 'ss', 'vq', 'fft2'] as const;
export type LossName = (typeof LOSS_NAMES)[number];

/** One non-negative multiplier per term: total = Σ weight · raw. */
export type LossWeights = Readonly<Record<LossName, number>>;

/** FoldTree2 REF weights (`--x-weight` etc.); HEAD's defaults differ per script (docs/model-losses.md). */
export const DEFAULT_LOSS_WEIGHTS: LossWeights = {
  aminoAcid: 1, // FoldTree2 "x"; HEAD learn_lightning defaults to 5.0
  edge: 0.25,
  logit: 0.25,
  angles: 0.05,
  ss: 0.25,
  vq: 0.1,
  fft2: 0.01, // only counts when the fft2 head is on
};

/**
 * Boundaries (Å) of the 8 distance classes: class = number of boundaries ≤ d. Seven values evenly spaced from
 * 5 to 50 Å (FoldTree2 REF: `linspace(5, 50, 7)`; HEAD uses 2 to 21 Å).
 */
export const DEFAULT_DISTANCE_BIN_EDGES: readonly number[] = [5, 12.5, 20, 27.5, 35, 42.5, 50];

export interface LossConfig {
  /** Mask residues whose pLDDT ≤ `plddtThreshold` (only proteins whose column is model confidence). */
  readonly maskPlddt: boolean;
  /** pLDDT on FoldTree2's 0–1 scale (B column ÷ 100); a residue counts as confident when plddt > threshold. */
  readonly plddtThreshold: number;
  /** PyTorch `CrossEntropyLoss(label_smoothing=ε)` for the amino-acid term; 0 = none (REF), HEAD uses 0.1. */
  readonly labelSmoothing: number;
  /** Distance-class boundaries in Å, ascending; the logit head has `edges.length + 1` classes. */
  readonly distanceBinEdges: readonly number[];
  readonly weights: LossWeights;
}

export const DEFAULT_LOSS_CONFIG: LossConfig = {
  maskPlddt: false, // FoldTree2 `--mask-plddt` is off by default
  plddtThreshold: 0.3, // FoldTree2's fixed threshold for the edge, distogram and angle masks
  labelSmoothing: 0,
  distanceBinEdges: DEFAULT_DISTANCE_BIN_EDGES,
  weights: DEFAULT_LOSS_WEIGHTS,
};
