/**
 * Optimizer hyper-parameters with one documented default each. The two AdamW sets are FoldTree2's: its plain
 * AdamW (Muon off) uses PyTorch's defaults plus weight decay 1e-6; with Muon on, the auxiliary Adam of
 * `MuonWithAuxAdam` uses betas (0.9, 0.95), eps 1e-10 and weight decay 0.01 (foldtree2-reference §4.1).
 */

export interface AdamWHyperParameters {
  /** Base learning rate (the schedule multiplies it). */
  readonly lr: number;
  /** EMA coefficient of the first moment. */
  readonly beta1: number;
  /** EMA coefficient of the second moment. */
  readonly beta2: number;
  /** Added to √v̂ in the denominator. */
  readonly eps: number;
  /** Decoupled decay: p ← p·(1 − lr·wd) before the update. */
  readonly weightDecay: number;
}

/**
 * How a Conv1d weight ([k, in, out] here, (out, in, k) in PyTorch) becomes matrices for Newton–Schulz:
 * - `flatten`: one (out × in·k) matrix, as the Muon README recommends for conv filters (the default);
 * - `per-output-channel`: `out` matrices of (in × k), what muon.py does to a 3-D tensor and so what FoldTree2 does
 *   (foldtree2-reference §7.6: each output channel is orthogonalised alone and scaled by √(in/k)).
 */
export type MuonConvMode = 'flatten' | 'per-output-channel';

export interface MuonHyperParameters {
  /** Base learning rate, in units of spectral norm per update. */
  readonly lr: number;
  /** β of the momentum EMA m ← lerp(m, g, 1 − β). */
  readonly momentum: number;
  /** Nesterov: orthogonalise lerp(g, m, β) instead of m. */
  readonly nesterov: boolean;
  /** Newton–Schulz iterations. */
  readonly nsSteps: number;
  /** Decoupled decay: p ← p·(1 − lr·wd) before the update. */
  readonly weightDecay: number;
  readonly convMode: MuonConvMode;
}

/** FoldTree2's `--muon-lr` 0.02, weight decay 0.01, momentum 0.95; muon.py's Nesterov and 5 NS steps. */
export const MUON_DEFAULTS: MuonHyperParameters = {
  lr: 0.02,
  momentum: 0.95,
  nesterov: true,
  nsSteps: 5,
  weightDecay: 0.01,
  convMode: 'flatten',
};

/** AdamW beside Muon: FoldTree2's `--adamw-lr` 3e-4 (REF) and MuonWithAuxAdam's betas (0.9, 0.95), eps 1e-10. */
export const AUX_ADAMW_DEFAULTS: AdamWHyperParameters = {
  lr: 3e-4,
  beta1: 0.9,
  beta2: 0.95,
  eps: 1e-10,
  weightDecay: 0.01,
};

/** AdamW alone: FoldTree2's `--learning-rate` 1e-4, weight decay 1e-6, PyTorch's betas (0.9, 0.999) and eps 1e-8. */
export const ADAMW_DEFAULTS: AdamWHyperParameters = {
  lr: 1e-4,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weightDecay: 1e-6,
};
