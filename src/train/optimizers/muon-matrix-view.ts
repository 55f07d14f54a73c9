/**
 * How a parameter stored in OUR layout becomes the matrices muon.py would orthogonalise in PyTorch's layout.
 *
 * PyTorch stores a Linear weight as (out, in); we store (in, out) = its transpose. muon.py orthogonalises the
 * matrix G with R = out rows and C = in columns, iterating on G itself when R ≤ C and on Gᵀ when R > C, and scales
 * the result by √max(1, R/C). Newton–Schulz commutes with transposition, so we hand it exactly the matrix muon.py
 * iterates on: our (in, out) transposed when out ≤ in (that IS G), untouched when out > in (that IS Gᵀ). The
 * stack therefore always has rows ≤ cols, the update is identical to PyTorch's, and the scale uses PyTorch's R/C,
 * i.e. √max(1, out/in) — NOT our rows/cols, which would scale wide and tall layers the wrong way round.
 *
 * Conv1d weights are [k, in, out] here, (out, in, k) in PyTorch (ours[t, c, o] = torch[o, c, t]):
 * - `flatten` (default): G = torch.view(out, in·k), R = out, C = in·k. Our [k·in, out] reshape is Gᵀ with its
 *   columns permuted (k-major instead of in-major); Newton–Schulz commutes with column permutations, so it is
 *   handled exactly like a Linear weight with in·k inputs — no transpose beyond the Linear rule.
 * - `per-output-channel` (muon.py on a 3-D tensor, FoldTree2): `out` matrices G_o = torch[o] of (in × k),
 *   R = in, C = k, scale √max(1, in/k).
 */
import * as tf from '@tensorflow/tfjs';
import type { MuonConvMode } from './hyperparameters';

export interface MuonMatrixView {
  /** Matrices this parameter contributes to the stack. */
  readonly count: number;
  /** Shape of each matrix as Newton–Schulz sees it: rows ≤ cols. */
  readonly rows: number;
  readonly cols: number;
  /** muon.py's √max(1, R/C) with PyTorch's (R, C). */
  readonly scale: number;
  /** Parameter-layout tensor → [count, rows, cols]. Tidy-safe. */
  toMatrices(t: tf.Tensor): tf.Tensor3D;
  /** The inverse of `toMatrices`. Tidy-safe. */
  fromMatrices(z: tf.Tensor3D): tf.Tensor;
}

/** The Newton–Schulz view of a parameter of `shape`: 2-D (in, out) Linear or 3-D [k, in, out] Conv1d weights. */
export function muonMatrixView(shape: readonly number[], convMode: MuonConvMode): MuonMatrixView {
  if (shape.length === 2) return linearView(shape[0] ?? 0, shape[1] ?? 0, shape);
  if (shape.length === 3) {
    const [k = 0, inChannels = 0, outChannels = 0] = shape;
    return convMode === 'flatten'
      ? linearView(k * inChannels, outChannels, shape)
      : perChannelView(k, inChannels, outChannels);
  }
  throw new Error(`Muon handles 2-D (in, out) and 3-D [k, in, out] weights, not shape [${shape.join(', ')}]`);
}

/** Ours (fanIn, out) after a reshape from `shape`; PyTorch's G is (out, fanIn). */
function linearView(fanIn: number, out: number, shape: readonly number[]): MuonMatrixView {
  const scale = Math.sqrt(Math.max(1, out / fanIn));
  if (out <= fanIn) {
    // muon.py iterates on G = oursᵀ.
    return {
      count: 1,
      rows: out,
      cols: fanIn,
      scale,
      toMatrices: (t) => tf.reshape(tf.transpose(tf.reshape(t, [fanIn, out])), [1, out, fanIn]),
      fromMatrices: (z) => tf.reshape(tf.transpose(tf.reshape(z, [out, fanIn])), [...shape]),
    };
  }
  // muon.py transposes a tall G and iterates on Gᵀ = ours.
  return {
    count: 1,
    rows: fanIn,
    cols: out,
    scale,
    toMatrices: (t) => tf.reshape(t, [1, fanIn, out]),
    fromMatrices: (z) => tf.reshape(z, [...shape]),
  };
}

/** Ours [k, in, out]; G_o = torch[o] is (in × k) = ours[:, :, o]ᵀ. */
function perChannelView(k: number, inChannels: number, outChannels: number): MuonMatrixView {
  // muon.py iterates on G_o when in ≤ k, and in the usual case (in > k) on G_oᵀ = ours[:, :, o], k × in. Each
  // orientation is one axis permutation of ours and its inverse.
  const [rows, cols, toAxes, fromAxes]: [number, number, number[], number[]] =
    inChannels <= k ? [inChannels, k, [2, 1, 0], [2, 1, 0]] : [k, inChannels, [2, 0, 1], [1, 2, 0]];
  return {
    count: outChannels,
    rows,
    cols,
    scale: Math.sqrt(Math.max(1, inChannels / k)),
    toMatrices: (t) => tf.transpose(t, toAxes) as tf.Tensor3D,
    fromMatrices: (z) => tf.transpose(z, fromAxes),
  };
}
