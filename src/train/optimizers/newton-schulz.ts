/**
 * Muon's orthogonalisation: the quintic Newton–Schulz iteration of KellerJordan's muon.py
 * (`zeropower_via_newtonschulz5`), on a STACK of same-shaped matrices so one step of the optimizer costs a few
 * batched matMuls per distinct shape instead of a chain of dispatches per matrix.
 *
 * It maps G = U S Vᵀ to roughly U S′ Vᵀ with S′ in about [0.5, 1.5] (the coefficients maximise the slope at zero
 * rather than converge to 1). muon.py runs it in bfloat16; tfjs has no bf16, so this is float32 throughout, which
 * is at least as accurate.
 */
import * as tf from '@tensorflow/tfjs';

/** (a, b, c) of X ← a·X + (b·A + c·A²)·X with A = X·Xᵀ. */
export const NEWTON_SCHULZ_COEFFICIENTS = [3.4445, -4.775, 2.0315] as const;
/** Added to the Frobenius norm before dividing, as muon.py does (keeps a zero gradient at zero). */
export const NEWTON_SCHULZ_NORM_EPS = 1e-7;
export const NEWTON_SCHULZ_STEPS = 5;

/**
 * x [n, r, c] float32 → [n, r, c]: each matrix normalised by its own Frobenius norm (+1e-7), then `steps`
 * quintic iterations. A tall stack (r > c) is transposed first and back afterwards, as muon.py does, so the Gram
 * matrix X·Xᵀ is the smaller min(r, c)² one. Tidy-safe.
 */
export function newtonSchulz(x: tf.Tensor3D, steps = NEWTON_SCHULZ_STEPS): tf.Tensor3D {
  const [a, b, c] = NEWTON_SCHULZ_COEFFICIENTS;
  const tall = x.shape[1] > x.shape[2];
  let X: tf.Tensor3D = tall ? tf.transpose(x, [0, 2, 1]) : x;
  const norm = tf.sqrt(tf.sum(tf.square(X), [1, 2], true));
  X = tf.div(X, tf.add(norm, NEWTON_SCHULZ_NORM_EPS));
  for (let k = 0; k < steps; k++) {
    const A = tf.matMul(X, X, false, true);
    const B = tf.add(tf.mul(A, b), tf.mul(tf.matMul(A, A), c));
    X = tf.add(tf.mul(X, a), tf.matMul(B, X));
  }
  return tall ? tf.transpose(X, [0, 2, 1]) : X;
}
