/** Layer normalisation over the last axis (PyTorch `nn.LayerNorm`: biased variance, affine weight and bias). */
import * as tf from '@tensorflow/tfjs';
import type { ParameterSet } from '../params/parameter-set';

/** Every axis but the last: the axes the affine parameters' gradients sum over. */
function leadingAxes(t: tf.Tensor): number[] {
  return Array.from({ length: t.rank - 1 }, (_, axis) => axis);
}

/**
 * y = γ ⊙ x̂ + β with x̂ = (x − μ) / √(σ² + ε) over the last axis, and the gradient written out (the backward keeps
 * x̂ and 1/√(σ² + ε) instead of every intermediate of automatic differentiation):
 *   ∂β = Σ g    ∂γ = Σ g ⊙ x̂    ∂x = (ĝ − mean(ĝ) − x̂ ⊙ mean(ĝ ⊙ x̂)) / √(σ² + ε),  ĝ = g ⊙ γ
 */
function normalise(eps: number) {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args[3] as tf.GradSaveFunc;
    const [x, weight, bias] = args as [tf.Tensor, tf.Tensor, tf.Tensor];
    const axis = x.rank - 1;
    const centred = tf.sub(x, tf.mean(x, axis, true));
    const inverseDeviation = tf.rsqrt(tf.add(tf.mean(tf.square(centred), axis, true), eps));
    const normalised = tf.mul(centred, inverseDeviation);
    save([normalised, inverseDeviation, weight]);
    return {
      value: tf.add(tf.mul(normalised, weight), bias),
      gradFunc: (g: tf.Tensor, [xHat, inverse, gamma]: tf.Tensor[]) =>
        tf.tidy(() => {
          const normalisedIn = xHat as tf.Tensor;
          const scaled = tf.mul(g, gamma as tf.Tensor);
          const meanScaled = tf.mean(scaled, axis, true);
          const meanProjected = tf.mean(tf.mul(scaled, normalisedIn), axis, true);
          const dx = tf.mul(
            tf.sub(tf.sub(scaled, meanScaled), tf.mul(normalisedIn, meanProjected)),
            inverse as tf.Tensor,
          );
          const lead = leadingAxes(g);
          return [dx, tf.sum(tf.mul(g, normalisedIn), lead), tf.sum(g, lead)];
        }),
    };
  });
}

export function layerNorm(params: ParameterSet, name: string, x: tf.Tensor, eps = 1e-5): tf.Tensor {
  return normalise(eps)(x, params.get(`${name}.weight`), params.get(`${name}.bias`));
}
