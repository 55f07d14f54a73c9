/**
 * AdamW with PyTorch's semantics (`torch.optim.AdamW`, single-tensor path), per parameter:
 *   p ← p·(1 − lr·wd)                      decoupled decay, before the update
 *   m ← lerp(m, g, 1 − β1);  v ← β2·v + (1 − β2)·g²
 *   p ← p − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + eps)
 * with t counted per parameter. A parameter whose gradient is absent from a step is skipped entirely (no decay, no
 * step), as PyTorch skips parameters whose `.grad` is None.
 */
import * as tf from '@tensorflow/tfjs';
import type { AdamWHyperParameters } from './hyperparameters';
import { assertSameShape, lerp, zeroStateVariable } from './optimizer-tensors';
import { parameterState, savedParameterState } from './optimizer';
import type { LearningRates, NamedVariable, Optimizer, OptimizerState, ParameterOptimizerState } from './optimizer';

interface AdamWEntry {
  readonly name: string;
  readonly variable: tf.Variable;
  /** First moment `exp_avg`, the variable's shape. */
  readonly m: tf.Variable;
  /** Second moment `exp_avg_sq`, the variable's shape. */
  readonly v: tf.Variable;
  step: number;
}

export class AdamW implements Optimizer {
  readonly names: readonly string[];
  private readonly entries: AdamWEntry[];

  /** State is created here (zeros), so a step allocates nothing that outlives it. */
  constructor(
    params: readonly NamedVariable[],
    readonly hyper: AdamWHyperParameters,
  ) {
    this.entries = params.map(({ name, variable }) => ({
      name,
      variable,
      m: zeroStateVariable(variable.shape),
      v: zeroStateVariable(variable.shape),
      step: 0,
    }));
    this.names = this.entries.map((e) => e.name);
  }

  step(grads: ReadonlyMap<string, tf.Tensor>, learningRates: LearningRates = {}): void {
    const lr = learningRates.adamw ?? this.hyper.lr;
    const { beta1, beta2, eps, weightDecay } = this.hyper;
    tf.tidy(() => {
      for (const entry of this.entries) {
        const grad = grads.get(entry.name);
        if (!grad) continue;
        assertSameShape(entry.name, grad, entry.variable);
        entry.step += 1;
        const biasCorrection1 = 1 - beta1 ** entry.step;
        const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** entry.step);
        // lerp, as PyTorch writes the first moment, rather than β1·m + (1 − β1)·g: the same float32 rounding.
        const m = lerp(entry.m, grad, 1 - beta1);
        const v = tf.add(tf.mul(entry.v, beta2), tf.mul(tf.square(grad), 1 - beta2));
        const denominator = tf.add(tf.div(tf.sqrt(v), biasCorrection2Sqrt), eps);
        const decayed = tf.mul(entry.variable, 1 - lr * weightDecay);
        entry.m.assign(m);
        entry.v.assign(v);
        entry.variable.assign(tf.sub(decayed, tf.mul(tf.div(m, denominator), lr / biasCorrection1)));
      }
    });
  }

  async state(): Promise<OptimizerState> {
    const parameters: Record<string, ParameterOptimizerState> = {};
    for (const entry of this.entries) {
      const [m, v] = await Promise.all([entry.m.data(), entry.v.data()]);
      parameters[entry.name] = parameterState('adamw', entry.step, entry.variable.shape, {
        exp_avg: Float32Array.from(m),
        exp_avg_sq: Float32Array.from(v),
      });
    }
    return { version: 1, parameters };
  }

  load(state: OptimizerState): void {
    for (const entry of this.entries) {
      const shape = entry.variable.shape;
      const saved = savedParameterState(state, entry.name, 'adamw', ['exp_avg', 'exp_avg_sq'], shape);
      tf.tidy(() => {
        entry.m.assign(tf.tensor(saved.slots.exp_avg, shape, 'float32'));
        entry.v.assign(tf.tensor(saved.slots.exp_avg_sq, shape, 'float32'));
      });
      entry.step = saved.step;
    }
  }

  dispose(): void {
    for (const entry of this.entries) {
      entry.m.dispose();
      entry.v.dispose();
    }
    this.entries.length = 0;
  }
}
