/**
 * Strategy `dp`: after the gradient round the coordinator's master copy takes the optimizer step and every replica
 * receives its weights in one more exchange round (the replicas hand in zeros; the coordinator publishes this
 * vector instead of their sum). Layout: every parameter (sorted by name, the EMA codebook included) flattened, then
 * [applied (0/1), global, encoder, decoder gradient norm].
 */
import * as tf from '@tensorflow/tfjs';
import type { GradientNormReport } from '../optimizers/gradient-norm-report';
import type { TrainerParts } from '../trainer/trainer-parts';

const OUTCOME_LENGTH = 4;

/** What a replica learns of the master's step. */
export interface RemoteStep {
  readonly applied: boolean;
  readonly norms: Pick<GradientNormReport, 'global' | 'encoder' | 'decoder'> | null;
}

function sortedSpecs(parts: TrainerParts) {
  return [...parts.params.specs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function broadcastLength(parts: TrainerParts): number {
  return sortedSpecs(parts).reduce((s, spec) => s + spec.shape.reduce((a, b) => a * b, 1), 0) + OUTCOME_LENGTH;
}

/** The master's weights and step outcome as one vector. */
export async function packWeights(parts: TrainerParts, outcome: RemoteStep): Promise<Float32Array> {
  const specs = sortedSpecs(parts);
  const joined = tf.tidy(() => tf.concat(specs.map((spec) => tf.reshape(parts.params.get(spec.name), [-1]))));
  const values = (await joined.data()) as Float32Array;
  joined.dispose();
  const out = new Float32Array(values.length + OUTCOME_LENGTH);
  out.set(values);
  const n = outcome.norms;
  out.set([outcome.applied ? 1 : 0, n?.global ?? NaN, n?.encoder ?? NaN, n?.decoder ?? NaN], values.length);
  return out;
}

/** Assigns the broadcast weights to this replica's parameters and returns the master's step outcome. */
export function unpackWeights(parts: TrainerParts, vector: Float32Array): RemoteStep {
  let offset = 0;
  for (const spec of sortedSpecs(parts)) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const values = vector.slice(offset, offset + size);
    tf.tidy(() => parts.params.get(spec.name).assign(tf.tensor(values, [...spec.shape])));
    offset += size;
  }
  const [applied, global, encoder, decoder] = vector.subarray(offset, offset + OUTCOME_LENGTH);
  return {
    applied: applied === 1,
    norms: Number.isFinite(global) ? { global: global ?? NaN, encoder: encoder ?? NaN, decoder: decoder ?? NaN } : null,
  };
}
