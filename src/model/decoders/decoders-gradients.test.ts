/**
 * Central finite differences against tfjs's analytic gradients for every decoder, on tiny shapes: the objective
 * is a fixed random projection of each output summed over real residues / real pairs (the distance head scores every
 * ordered pair of real residues here; angles enter through
 * sin and cos, which are smooth across ±π).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, test } from 'vitest';
import { DECODER_NAMES, type DecoderConfigs, type DecoderName } from '../model-config';
import { ParameterSet } from '../params/parameter-set';
import { analyticGradient, maxRelativeError, numericalGradient, probeIndices } from '../testing/finite-difference.node';
import { maskFromLengths, realPairs, seededTensor, testContext } from './decoder-test-helpers.node';
import type { DecoderOutputs } from './decoder-types';
import { decode } from './registry';
import { decoderSpecs } from './decoder-specs';

const LENGTHS = [6, 4];
const [B, L, D] = [2, 6, 4];
const CONFIGS: DecoderConfigs = {
  sequence: { enabled: true, hidden: 8, layers: 1, heads: 2, feedForward: 16, dropout: 0, learnPositions: true },
  geometry: { enabled: true, hidden: 8, layers: 1, heads: 2, feedForward: 16, dropout: 0, learnPositions: false },
  contacts: { enabled: true, hidden: 8, convLayers: 2, pairHidden: 8, dropout: 0 },
  fft2: { enabled: true, hidden: 8 },
};
/** A few weights per decoder (names after `decoder.<name>.`), from input, body and head. */
const WEIGHTS: Record<DecoderName, readonly string[]> = {
  sequence: [
    'input.0.weight',
    'input.positions.mlp.3.weight',
    'body.layers.0.selfAttention.inProjection.weight',
    'head.conv.2.weight',
  ],
  geometry: ['input.1.bias', 'body.layers.0.linear1.weight', 'head.angles.3.weight'],
  contacts: [
    'input.0.weight',
    'body.convs.0.weight',
    'head.positions.mlp.3.weight',
    'head.temperature',
    'head.bias',
    'head.distanceNorm.weight',
    'head.distance.0.weight',
    'head.distance.2.weight',
    'head.distance.3.weight',
  ],
  fft2: ['head.0.weight', 'head.2.bias'],
};

/**
 * Finite-difference step for weights, chosen per decoder so that float32 rounding of the objective and curvature
 * (ReLU kinks of a feed-forward block or a Position_MLP) both stay below the tolerance for the probed weights:
 * the geometry transformer needs the small step, the others (with learned position codes) a larger one. The contacts
 * objective sums the distance head over every ordered pair of real residues, so its float32 rounding is the largest:
 * at 1e-3 and 1e-2 the input weights' difference quotients carried 13 % and 1.2 % rounding error, at 3e-2 0.3 %.
 */
const WEIGHT_STEP: Record<DecoderName, number> = { sequence: 1e-2, geometry: 1e-3, contacts: 3e-2, fft2: 1e-2 };

const params = new ParameterSet(decoderSpecs(CONFIGS, D), 17);
const mask = maskFromLengths(LENGTHS, L);
const positions = seededTensor([B, L, 256], 23) as tf.Tensor3D;
const tokens = seededTensor([B, L, D], 29);
const scored = realPairs(LENGTHS, L);
afterAll(() => {
  params.dispose();
  tf.dispose([mask, positions, tokens, scored.first, scored.second]);
});

function only(name: DecoderName): DecoderConfigs {
  return Object.fromEntries(
    DECODER_NAMES.map((n) => [n, { ...CONFIGS[n], enabled: n === name }]),
  ) as unknown as DecoderConfigs;
}

/** Σ projection · output over real rows (and real pairs); the projections are seeded, so fixed across calls. */
function objective(outputs: DecoderOutputs): tf.Scalar {
  const rows = tf.expandDims(mask, 2);
  const pairs = tf.expandDims(tf.mul(tf.expandDims(mask, 2), tf.expandDims(mask, 1)), 3);
  const terms: tf.Tensor[] = [];
  const project = (value: tf.Tensor, weight: tf.Tensor, seed: number): void => {
    terms.push(tf.sum(tf.mul(tf.mul(value, seededTensor(value.shape, seed)), weight)));
  };
  if (outputs.aminoAcidLogits) project(outputs.aminoAcidLogits, rows, 1);
  if (outputs.ssLogits) project(outputs.ssLogits, rows, 2);
  if (outputs.angleVectors) project(outputs.angleVectors, rows, 3);
  if (outputs.angles) project(tf.concat([tf.sin(outputs.angles), tf.cos(outputs.angles)], 2), rows, 4);
  if (outputs.contactProbability) project(outputs.contactProbability, tf.squeeze(pairs, [3]), 5);
  if (outputs.distanceLogits) project(outputs.distanceLogits, tf.scalar(1), 6); // one row per listed (real) pair
  if (outputs.fft2) project(outputs.fft2, tf.scalar(1 / 50), 7);
  return tf.addN(terms) as tf.Scalar;
}

function weightGradient(
  name: string,
  f: () => tf.Scalar,
  indices: number[],
  step: number,
): { analytic: number[]; numeric: number[] } {
  const variable = params.get(name);
  const base = variable.dataSync().slice();
  const { value, grads } = tf.variableGrads(f, [variable]);
  const analytic = indices.map((k) => grads[variable.name]?.dataSync()[k] ?? NaN);
  tf.dispose([value, ...Object.values(grads)]);
  const evaluate = (k: number, delta: number): number => {
    const probe = base.slice();
    probe[k] = (probe[k] ?? 0) + delta;
    tf.tidy(() => variable.assign(tf.tensor(probe, variable.shape)));
    return tf.tidy(() => f().dataSync()[0] ?? NaN);
  };
  const numeric = indices.map((k) => (evaluate(k, step) - evaluate(k, -step)) / (2 * step));
  tf.tidy(() => variable.assign(tf.tensor(base, variable.shape)));
  return { analytic, numeric };
}

/**
 * max |a − n| / max |a| over the probed entries. A weight's probed entries span orders of magnitude (rows fed by
 * near-zero features have gradients near 0, where float32 differences of f are pure rounding), and moving one
 * weight shifts every residue at once, so a ReLU kink of the feed-forward block is sometimes crossed.
 */
function normwiseError(analytic: readonly number[], numeric: readonly number[]): number {
  const scale = Math.max(...analytic.map(Math.abs), 1e-6);
  return Math.max(...analytic.map((a, k) => Math.abs(a - (numeric[k] ?? NaN)))) / scale;
}

describe('decoder gradients: analytic vs central finite differences (float32)', () => {
  for (const name of DECODER_NAMES) {
    test(`${name}: w.r.t. the tokens (real rows) and a few weights`, () => {
      const configs = only(name);
      const context = testContext(mask, positions, { pairs: scored });
      const f = (t: tf.Tensor): tf.Scalar => objective(decode(params, configs, t as tf.Tensor3D, context));
      const realIndices = Array.from({ length: B * L * D }, (_, k) => k).filter((k) => {
        const [b, i] = [Math.floor(k / (L * D)), Math.floor(k / D) % L];
        return i < (LENGTHS[b] ?? 0);
      });
      const probes = probeIndices(realIndices.length, 10).map((k) => realIndices[k] ?? 0);
      const before = tf.memory().numTensors;
      const analytic = analyticGradient(f, tokens, probes);
      const numeric = numericalGradient(f, tokens, probes);
      const tokenError = maxRelativeError(analytic, numeric, 1e-2);
      const padding = analyticGradient(
        f,
        tokens,
        Array.from({ length: B * L * D }, (_, k) => k).filter((k) => !realIndices.includes(k)),
      );
      expect(padding.every((g) => g === 0)).toBe(true);
      const errors = [`tokens ${tokenError.toExponential(2)}`];
      expect(tokenError).toBeLessThan(1e-2);
      for (const suffix of WEIGHTS[name]) {
        const weight = `decoder.${name}.${suffix}`;
        const check = weightGradient(
          weight,
          () => f(tokens),
          probeIndices(params.get(weight).size, 6),
          WEIGHT_STEP[name],
        );
        const error = normwiseError(check.analytic, check.numeric);
        errors.push(`${suffix} ${error.toExponential(2)}`);
        expect(error, weight).toBeLessThan(1e-2);
      }
      console.info(`${name} gradient check, max relative error: ${errors.join(', ')}`);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
