/**
 * Muon (KellerJordan/Muon `muon.py`, `muon_update` + `SingleDeviceMuon.step`), per parameter:
 *   m ← lerp(m, g, 1 − β);  u = lerp(g, m, β) (Nesterov) or m
 *   O = NewtonSchulz5(u viewed as PyTorch's matrices) · √max(1, R/C)
 *   p ← p·(1 − lr·wd) − lr·O
 * A parameter with no gradient in a step gets a zero gradient, as the current muon.py does (it still decays and
 * its momentum still shrinks).
 *
 * Parameters whose matrices have the same Newton–Schulz shape share a BUCKET: their gradients are concatenated
 * into one [N, rows, cols] stack, and the momentum of the bucket is kept stacked the same way, so momentum,
 * Nesterov and all 5 iterations are one chain of batched ops per distinct shape. The layout mapping to PyTorch is
 * in `muon-matrix-view.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import type { MuonHyperParameters } from './hyperparameters';
import { muonMatrixView, type MuonMatrixView } from './muon-matrix-view';
import { newtonSchulz } from './newton-schulz';
import { assertSameShape, lerp, zeroStateVariable } from './optimizer-tensors';
import { parameterState, savedParameterState } from './optimizer';
import type { LearningRates, NamedVariable, Optimizer, OptimizerState, ParameterOptimizerState } from './optimizer';

interface MuonMember {
  readonly name: string;
  readonly variable: tf.Variable;
  readonly view: MuonMatrixView;
  /** Index of this parameter's first matrix in its bucket's stack. */
  readonly offset: number;
  step: number;
}

interface MuonBucket {
  readonly rows: number;
  readonly cols: number;
  readonly members: MuonMember[];
  /** `momentum_buffer` of every member, stacked in Newton–Schulz orientation: [Σ count, rows, cols]. */
  momentum: tf.Variable;
}

export class Muon implements Optimizer {
  readonly names: readonly string[];
  private readonly buckets: MuonBucket[] = [];

  constructor(
    params: readonly NamedVariable[],
    readonly hyper: MuonHyperParameters,
  ) {
    const byShape = new Map<string, { rows: number; cols: number; members: MuonMember[]; size: number }>();
    for (const { name, variable } of params) {
      const view = muonMatrixView(variable.shape, hyper.convMode);
      const key = `${view.rows}x${view.cols}`;
      const bucket = byShape.get(key) ?? { rows: view.rows, cols: view.cols, members: [], size: 0 };
      bucket.members.push({ name, variable, view, offset: bucket.size, step: 0 });
      bucket.size += view.count;
      byShape.set(key, bucket);
    }
    for (const { rows, cols, members, size } of byShape.values()) {
      this.buckets.push({ rows, cols, members, momentum: zeroStateVariable([size, rows, cols]) });
    }
    this.names = params.map((p) => p.name);
  }

  /** Distinct Newton–Schulz shapes and how many matrices each stacks (for display and dispatch accounting). */
  bucketShapes(): { rows: number; cols: number; matrices: number; parameters: number }[] {
    return this.buckets.map((b) => ({
      rows: b.rows,
      cols: b.cols,
      matrices: b.momentum.shape[0] ?? 0,
      parameters: b.members.length,
    }));
  }

  step(grads: ReadonlyMap<string, tf.Tensor>, learningRates: LearningRates = {}): void {
    const lr = learningRates.muon ?? this.hyper.lr;
    const { momentum: beta, nesterov, nsSteps, weightDecay } = this.hyper;
    tf.tidy(() => {
      for (const bucket of this.buckets) {
        const blocks = bucket.members.map((member) => {
          const grad = grads.get(member.name);
          if (grad) assertSameShape(member.name, grad, member.variable);
          return member.view.toMatrices(grad ?? tf.zerosLike(member.variable));
        });
        const g = blocks.length === 1 ? (blocks[0] as tf.Tensor3D) : tf.concat(blocks, 0);
        const momentum = lerp(bucket.momentum, g, 1 - beta) as tf.Tensor3D;
        bucket.momentum.assign(momentum);
        const update = newtonSchulz(nesterov ? (lerp(g, momentum, beta) as tf.Tensor3D) : momentum, nsSteps);
        const parts =
          bucket.members.length === 1
            ? [update]
            : tf.split(
                update,
                bucket.members.map((m) => m.view.count),
                0,
              );
        bucket.members.forEach((member, k) => {
          const orthogonal = member.view.fromMatrices(parts[k] as tf.Tensor3D);
          const decayed = tf.mul(member.variable, 1 - lr * weightDecay);
          member.variable.assign(tf.sub(decayed, tf.mul(orthogonal, lr * member.view.scale)));
          member.step += 1;
        });
      }
    });
  }

  async state(): Promise<OptimizerState> {
    const parameters: Record<string, ParameterOptimizerState> = {};
    for (const bucket of this.buckets) {
      for (const member of bucket.members) {
        const buffer = tf.tidy(() =>
          member.view.fromMatrices(
            tf.slice(
              bucket.momentum as tf.Tensor3D,
              [member.offset, 0, 0],
              [member.view.count, bucket.rows, bucket.cols],
            ),
          ),
        );
        const values = Float32Array.from(await buffer.data());
        buffer.dispose();
        parameters[member.name] = parameterState('muon', member.step, member.variable.shape, {
          momentum_buffer: values,
        });
      }
    }
    return { version: 1, parameters };
  }

  load(state: OptimizerState): void {
    for (const bucket of this.buckets) {
      const saved = bucket.members.map((member) =>
        savedParameterState(state, member.name, 'muon', ['momentum_buffer'], member.variable.shape),
      );
      tf.tidy(() => {
        const blocks = bucket.members.map((member, k) =>
          member.view.toMatrices(
            tf.tensor(saved[k]?.slots.momentum_buffer ?? new Float32Array(), member.variable.shape, 'float32'),
          ),
        );
        bucket.momentum.assign(blocks.length === 1 ? (blocks[0] as tf.Tensor3D) : tf.concat(blocks, 0));
      });
      bucket.members.forEach((member, k) => (member.step = saved[k]?.step ?? 0));
    }
  }

  dispose(): void {
    for (const bucket of this.buckets) bucket.momentum.dispose();
    this.buckets.length = 0;
  }
}
