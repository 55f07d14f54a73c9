/**
 * The hand-made 2-D example the quantizer tests share. K = 3 codes on the axes, one protein of 4 rows of which the
 * last is padding (filled with whatever the test wants):
 *   e0 = (0, 0), e1 = (1, 0), e2 = (0, 1);  z0 = (0.2, 0.1) → e0,  z1 = (0.9, 0.3) → e1,  z2 = (0.8, 0.1) → e1.
 * Squared distances: z0 (0.05, 0.65, 0.85), z1 (0.90, 0.10, 1.30), z2 (0.65, 0.05, 1.13): no ties, margins ≥ 0.6,
 * so a finite-difference step of 1e-2 never switches a code.
 */
import * as tf from '@tensorflow/tfjs';

export const HAND_CODEBOOK = [
  [0, 0],
  [1, 0],
  [0, 1],
];
export const HAND_REAL_Z = [
  [0.2, 0.1],
  [0.9, 0.3],
  [0.8, 0.1],
];
export const HAND_CODES = [0, 1, 1];
/** β used with the example. */
export const HAND_BETA = 0.25;

/** z [1, 4, 2] with `padding` as the fourth row, and the mask [1, 4]. */
export function handInputs(padding: readonly [number, number] = [5, -7]): {
  codebook: tf.Tensor2D;
  z: tf.Tensor3D;
  mask: tf.Tensor2D;
} {
  return {
    codebook: tf.tensor2d(HAND_CODEBOOK),
    z: tf.tensor3d([[...HAND_REAL_Z, [...padding]]]),
    mask: tf.tensor2d([[1, 1, 1, 0]]),
  };
}
