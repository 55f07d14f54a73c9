/**
 * AdamW with PyTorch's semantics (`torch.optim.AdamW`, single-tensor path), per parameter:
 *   p ← p·(1 − lr·wd)                      decoupled decay, before the update
 *   m ← lerp(m, g, 1 − β1);  v ← β2·v + (1 − β2)·g²
 *   p ← p − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + eps)
 * with t counted per parameter. A parameter whose gradient is absent from a step is skipped entirely (no decay, no
 * step), as PyTorch skips parameters whose `.grad` is None.
 *
 * Parameters at the same t step together, as one flat vector (PyTorch's `foreach` path does the same): their
 * gradients, moments and values are concatenated, updated by one chain of element-wise ops and split back, so a
 * step costs a few kernels instead of a dozen per parameter. Every element sees the same float32 operations in the
 * same order as in a per-parameter step, so the result is bit-for-bit the same.
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
    const byStep = new Map<number, { entry: AdamWEntry; grad: tf.Tensor }[]>();
    for (const entry of this.entries) {
      const grad = grads.get(entry.name);
      if (!grad) continue;
      assertSameShape(entry.name, grad, entry.variable);
      entry.step += 1;
      byStep.set(entry.step, [...(byStep.get(entry.step) ?? []), { entry, grad }]);
    }
    tf.tidy(() => {
      for (const [t, members] of byStep) this.stepTogether(members, t, lr);
    });
  }

  /** One AdamW update of `members`, all at step `t`, on their concatenation (a single member: no copies). */
  private stepTogether(members: readonly { entry: AdamWEntry; grad: tf.Tensor }[], t: number, lr: number): void {
    const { beta1, beta2, eps, weightDecay } = this.hyper;
    const joined = (pick: (member: { entry: AdamWEntry; grad: tf.Tensor }) => tf.Tensor): tf.Tensor =>
      members.length === 1
        ? pick(members[0] as (typeof members)[number])
        : tf.concat(members.map((m) => tf.reshape(pick(m), [-1])));
    const grad = joined((m) => m.grad);
    const biasCorrection1 = 1 - beta1 ** t;
    const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** t);
    // lerp, as PyTorch writes the first moment, rather than β1·m + (1 − β1)·g: the same float32 rounding.
    const m = lerp(
      joined((member) => member.entry.m),
      grad,
      1 - beta1,
    );
    const v = tf.add(
      tf.mul(
        joined((member) => member.entry.v),
        beta2,
      ),
      tf.mul(tf.square(grad), 1 - beta2),
    );
    const denominator = tf.add(tf.div(tf.sqrt(v), biasCorrection2Sqrt), eps);
    const decayed = tf.mul(
      joined((member) => member.entry.variable),
      1 - lr * weightDecay,
    );
    const value = tf.sub(decayed, tf.mul(tf.div(m, denominator), lr / biasCorrection1));
    const back = (flat: tf.Tensor): tf.Tensor[] =>
      members.length === 1
        ? [flat]
        : tf
            .split(
              flat,
              members.map((member) => member.entry.variable.size),
            )
            .map((piece, k) => tf.reshape(piece, (members[k] as (typeof members)[number]).entry.variable.shape));
    const [ms, vs, values] = [back(m), back(v), back(value)];
    members.forEach(({ entry }, k) => {
      entry.m.assign(ms[k] as tf.Tensor);
      entry.v.assign(vs[k] as tf.Tensor);
      entry.variable.assign(values[k] as tf.Tensor);
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
