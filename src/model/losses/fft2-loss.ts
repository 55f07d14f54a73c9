/** FoldTree2's "fft2" term: smooth-L1 between the predicted and true 2-D Fourier corner coefficients. */
import * as tf from '@tensorflow/tfjs';
import { assertShape } from './masked-mean';
import { smoothL1 } from './smooth-l1';

/**
 * Mean over all B × C entries of smoothL1_β=1(predicted − target): PyTorch `SmoothL1Loss()` defaults, as
 * FoldTree2. `predicted`, `target` [B, C] (C = 2600: 1300 magnitudes ‖ 1300 phases). Every protein is real,
 * so there is no mask.
 */
export function fft2Loss(predicted: tf.Tensor, target: tf.Tensor): tf.Scalar {
  assertShape(predicted, target.shape, 'fft2 prediction');
  return tf.tidy(() => tf.mean(smoothL1(tf.sub(predicted, target), 1)));
}
