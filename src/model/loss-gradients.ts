/**
 * One differentiation of the model: the weighted total loss, its gradient for every trainable parameter, and the
 * by-products a training step needs (raw and weighted terms for metrics; z, codes and counts for the EMA
 * codebook update). All returned tensors belong to the caller: `disposeLossGradients` frees them.
 */
import * as tf from '@tensorflow/tfjs';
import type { LossName } from './losses/loss-config';
import type { LossTargets } from './losses/loss-targets';
import type { ModelConfig } from './model-config';
import type { ModelInputs } from './model-inputs';
import type { ParameterSet } from './params/parameter-set';
import { modelLoss, type LossOptions } from './tokenizer-model';

export interface LossGradients {
  readonly total: tf.Scalar;
  readonly raw: Partial<Record<LossName, tf.Scalar>>;
  readonly weighted: Partial<Record<LossName, tf.Scalar>>;
  /** Gradient per trainable parameter name (only those in `trainable`). */
  readonly grads: Map<string, tf.Tensor>;
  /** [B, L, D] encoder output (EMA statistics). */
  readonly z: tf.Tensor3D;
  /** [B, L] int32 code per residue, −1 in padding. */
  readonly codes: tf.Tensor2D;
  /** [K] assignments over real residues. */
  readonly counts: tf.Tensor1D;
}

/** `trainable`: parameter names to differentiate (the EMA codebook is left out by the caller). */
export function lossAndGradients(
  params: ParameterSet,
  config: ModelConfig,
  inputs: ModelInputs,
  targets: LossTargets,
  options: LossOptions,
  trainable: readonly string[],
): LossGradients {
  let kept: Omit<LossGradients, 'total' | 'grads'> | null = null;
  const { value, grads } = tf.variableGrads(
    () => {
      const { forward, losses } = modelLoss(params, config, inputs, targets, options);
      const keepAll = <T extends tf.Tensor>(record: Partial<Record<LossName, T>>) =>
        Object.fromEntries(Object.entries(record).map(([name, t]) => [name, tf.keep(t as T)])) as Partial<
          Record<LossName, T>
        >;
      kept = {
        raw: keepAll(losses.raw),
        weighted: keepAll(losses.weighted),
        z: tf.keep(forward.z),
        codes: tf.keep(forward.quantization.codes),
        counts: tf.keep(forward.quantization.counts),
      };
      return losses.total;
    },
    trainable.map((name) => params.get(name)),
  );
  if (!kept) throw new Error('the loss function did not run');
  return { total: value, grads: params.gradientsByName(grads), ...(kept as Omit<LossGradients, 'total' | 'grads'>) };
}

export function disposeLossGradients(result: LossGradients): void {
  tf.dispose([
    result.total,
    ...Object.values(result.raw),
    ...Object.values(result.weighted),
    ...result.grads.values(),
    result.z,
    result.codes,
    result.counts,
  ]);
}
